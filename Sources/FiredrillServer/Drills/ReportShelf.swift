import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Prometheus

/// Finished runs' reports, built once and served many times. Each rendering is kept with the
/// ``StoredReport/Version`` it was built from; when the version moves (a late adjudication,
/// an answer to the survey, a corrective action, a new day that makes an item overdue) the
/// report is built again. At most ``capacity`` runs are kept, the least recently read leaving
/// first.
actor ReportShelf {
    enum Format: String, CaseIterable, Sendable { case json, md, html }

    struct Shelved {
        var version: StoredReport.Version
        var stored: StoredReport
        var renderings: [Format: String]
    }

    let capacity: Int
    private var shelf: [String: Shelved] = [:]
    private var order: [String] = []
    let metrics: ServerMetrics

    init(metrics: ServerMetrics, capacity: Int = 32) {
        self.metrics = metrics
        self.capacity = capacity
    }

    /// The report of `runID` in `format`, built from the database only when what it depends
    /// on has changed since it was last built.
    func rendering(of runID: String, as format: Format, from database: any DrillStore) throws -> String {
        let version = try StoredReport.version(database, runID: runID)
        touch(runID)
        var shelved: Shelved
        if let current = shelf[runID], current.version == version {
            if let text = current.renderings[format] { return text }
            shelved = current
        } else {
            shelved = Shelved(version: version, stored: try StoredReport(database, runID: runID), renderings: [:])
            metrics.reportsBuilt.increment()
        }
        let text = try Self.render(shelved.stored, as: format)
        shelved.renderings[format] = text
        shelf[runID] = shelved
        return text
    }

    static func render(_ stored: StoredReport, as format: Format) throws -> String {
        switch format {
        case .json: try JSONReportRenderer.render(stored.report)
        case .md: MarkdownReportRenderer.render(stored.report)
        case .html: HTMLReportRenderer.render(stored.report, context: ReportContext(for: stored.report))
        }
    }

    private func touch(_ runID: String) {
        order.removeAll { $0 == runID }
        order.append(runID)
        while order.count > capacity {
            shelf[order.removeFirst()] = nil
        }
    }
}
