import FiredrillCore
import FiredrillReporting
import FiredrillStore
import Foundation

/// Where exported evidence files go: a directory (`firedrill export --out`), a ZIP archive
/// (`GET /api/v1/exports`), … One file at a time, so that an export of many runs never holds
/// more than one file in memory.
public protocol EvidenceSink {
    func add(_ name: String, _ text: String) throws
}

/// What a committee files for recorded runs, as `firedrill export` and the server's export
/// write it: per run `<run>.json`, `.md`, `.html` (the full report, the chain head and its
/// verification), `.script` (its inputs as a replay script) and `.scenario.yaml` (the exact
/// scenario played); for the set `runs.csv`, `objectives.csv` and `corrective-actions.csv`.
public struct EvidenceExport: Sendable {
    public var language: Language?
    public var timeZone: TimeZone
    public var byteOrderMark: Bool

    public init(language: Language? = nil, timeZone: TimeZone = .current, byteOrderMark: Bool = false) {
        self.language = language
        self.timeZone = timeZone
        self.byteOrderMark = byteOrderMark
    }

    /// Writes the files of `runIDs` (in this order) to `sink`. A run that cannot be read is
    /// left out and named in the result; the others are written.
    @discardableResult
    public func write(_ runIDs: [String], from database: any DrillStore, to sink: some EvidenceSink) throws -> [String] {
        var runLines = CSVDocument(header: [
            "run_id", "scenario_id", "scenario_title", "scenario_sha256", "mode", "status", "started_at", "ended_at",
            "speed", "score", "objectives_exercised", "objectives_total", "complete", "events", "chain_head", "chain_verified",
        ])
        var objectiveLines = CSVDocument(header: [
            "run_id", "objective_id", "kind", "weight", "status", "target_seconds", "limit_seconds", "elapsed_seconds",
            "credit", "rating", "met_by",
        ])
        var actionLines = CSVDocument(header: CorrectiveActionColumns.header)
        var failures: [String] = []
        for id in runIDs {
            // One damaged run must not keep the others from being exported.
            do {
                let stored = try StoredReport(database, runID: id)
                let verified = stored.report.record?.verification?.intact ?? false
                let context = ReportContext(for: stored.report, language: language, timeZone: timeZone)
                try sink.add("\(id).json", try JSONReportRenderer.render(stored.report))
                try sink.add("\(id).md", MarkdownReportRenderer.render(stored.report, context: context))
                try sink.add("\(id).html", HTMLReportRenderer.render(stored.report, context: context))
                try sink.add("\(id).script", stored.script)
                try sink.add("\(id).scenario.yaml", stored.run.scenarioSource)
                let run = stored.run
                runLines.append([
                    run.id, run.scenarioID, run.scenarioTitle, run.scenarioSHA256, run.mode.rawValue,
                    stored.report.record?.status ?? run.status.rawValue, run.startedAt, run.endedAt ?? "",
                    Self.number(run.speed), Self.number(run.score), "\(stored.report.coverage.objectivesExercised)",
                    "\(stored.report.coverage.objectivesTotal)", stored.report.coverage.complete ? "true" : "false",
                    "\(run.eventCount)", run.chainHead ?? "",
                    verified ? "yes" : "NO",
                ])
                for objective in stored.report.objectives {
                    objectiveLines.append([
                        run.id, objective.id, objective.kind.rawValue, Self.number(objective.weight), objective.status.rawValue,
                        Self.number(objective.targetSeconds), Self.number(objective.limitSeconds),
                        Self.number(objective.elapsedSeconds), Self.number(objective.credit),
                        objective.rating?.rawValue ?? "", objective.metBy ?? "",
                    ])
                }
                for action in try database.correctiveActions(runID: id) {
                    actionLines.append(CorrectiveActionColumns.fields(action))
                }
            } catch let error as SinkError {
                throw error.underlying
            } catch {
                failures.append("run \(id): \(error)")
            }
        }
        try sink.add("runs.csv", runLines.text(byteOrderMark: byteOrderMark))
        try sink.add("objectives.csv", objectiveLines.text(byteOrderMark: byteOrderMark))
        try sink.add("corrective-actions.csv", actionLines.text(byteOrderMark: byteOrderMark))
        return failures
    }

    /// A failure of the sink itself (a full disk): it stops the export, unlike a damaged run.
    public struct SinkError: Error {
        public var underlying: any Error
        public init(_ underlying: any Error) { self.underlying = underlying }
    }

    /// A number for CSV: at most three decimals (a credit of 2/3 is `0.667`), whole numbers
    /// without a decimal point, nothing for none.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite, abs(value) < 1e15 else { return "" }
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}

/// Corrective actions as CSV (`actions list --format csv`, `corrective-actions.csv`).
public enum CorrectiveActionColumns {
    public static let header = [
        "id", "run_id", "objective_id", "issue", "corrective_action", "capability", "responsible_org", "responsible_role",
        "start_date", "due_date", "status", "closing_evidence", "closed_at", "created_at", "strength", "evidence_strength",
    ]

    public static func fields(_ action: CorrectiveAction) -> [String] {
        [
            "\(action.id)", action.runID, action.objectiveID ?? "", action.issue, action.correctiveAction,
            action.capability.rawValue, action.responsibleOrg, action.responsibleRole ?? "", action.startDate ?? "",
            action.dueDate ?? "", action.status.rawValue, action.closingEvidence ?? "", action.closedAt ?? "", action.createdAt,
            action.strength.rawValue, action.evidenceStrength?.rawValue ?? "",
        ]
    }
}
