import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension RunStatus: ExpressibleByArgument {}

extension Firedrill {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recorded drills, newest first.",
            discussion: "Times to acknowledge, escalate and first action are drill times; 'open' counts open corrective actions."
        )

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Only runs with this status: running, finished or interrupted.")
        var status: RunStatus?

        @Option(help: "At most this many runs.")
        var limit: Int?

        @Option(help: "Output: table, json or csv.")
        var format: ListFormat = .table

        @OptionGroup var csvOptions: CSVOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            // Status is judged after liveness (a 'running' run whose process died is interrupted).
            let query = HistoryFilter(
                scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end, status: nil,
                limit: status == nil ? limit : nil
            )
            var rows = try store { try database.history(filter: query) }
            for index in rows.indices {
                rows[index].status = StoredReport.displayStatus(rows[index].status, runID: rows[index].runID, databasePath: database.path)
            }
            if let status {
                rows = rows.filter { $0.status == status }
                if let limit { rows = Array(rows.prefix(limit)) }
            }
            switch format {
            case .json: Console.out(try JSONReportRenderer.encode(rows.map(HistoryEntry.init)))
            case .csv:
                var csv = CSVDocument(header: HistoryEntry.csvHeader)
                for row in rows { csv.append(HistoryEntry(row).csvFields) }
                Console.out(csv.text(byteOrderMark: csvOptions.byteOrderMark))
            case .table:
                var lines = [["run", "started (UTC)", "scenario", "status", "score", "ack", "escalate", "1st action", "open"]]
                for row in rows {
                    lines.append([
                        row.runID, Formats.utc(row.startedAt), row.scenarioID, row.status.rawValue,
                        row.score.map { Formats.number($0) } ?? "–", Formats.clock(row.ackMs), Formats.clock(row.escalateMs),
                        Formats.clock(row.firstActionMs), "\(row.openActions)",
                    ])
                }
                Console.out(rows.isEmpty ? "no runs recorded in \(database.path)\n" : table(lines))
            }
            for row in rows where !row.damage.isEmpty {
                Console.error("warning: run \(row.runID): its record is damaged (\(row.damage.joined(separator: "; "))); 'firedrill verify \(row.runID)' checks it")
            }
        }
    }
}

/// A history row as written in JSON and CSV.
struct HistoryEntry: Encodable {
    var runID: String
    var scenarioID: String
    var scenarioTitle: String
    var status: String
    var score: Double?
    var startedAt: String
    var endedAt: String?
    var timeToAcknowledgeSeconds: Double?
    var timeToEscalateSeconds: Double?
    var timeToFirstActionSeconds: Double?
    var timeToResolveSeconds: Double?
    var openCorrectiveActions: Int
    /// Stored values that could not be read (a damaged or edited record).
    var recordProblems: [String]

    init(_ row: HistoryRow) {
        runID = row.runID
        scenarioID = row.scenarioID
        scenarioTitle = row.scenarioTitle
        status = row.status.rawValue
        score = row.score
        startedAt = Formats.utc(row.startedAt)
        endedAt = row.endedAt.map(Formats.utc)
        timeToAcknowledgeSeconds = Formats.seconds(row.ackMs)
        timeToEscalateSeconds = Formats.seconds(row.escalateMs)
        timeToFirstActionSeconds = Formats.seconds(row.firstActionMs)
        timeToResolveSeconds = Formats.seconds(row.resolveMs)
        openCorrectiveActions = row.openActions
        recordProblems = row.damage
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", scenarioID = "scenario_id", scenarioTitle = "scenario_title", status, score
        case startedAt = "started_at", endedAt = "ended_at"
        case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds", timeToEscalateSeconds = "time_to_escalate_seconds"
        case timeToFirstActionSeconds = "time_to_first_action_seconds", timeToResolveSeconds = "time_to_resolve_seconds"
        case openCorrectiveActions = "open_corrective_actions"
        case recordProblems = "record_problems"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(scenarioID, forKey: .scenarioID)
        try container.encode(scenarioTitle, forKey: .scenarioTitle)
        try container.encode(status, forKey: .status)
        try container.encode(score, forKey: .score)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(timeToAcknowledgeSeconds, forKey: .timeToAcknowledgeSeconds)
        try container.encode(timeToEscalateSeconds, forKey: .timeToEscalateSeconds)
        try container.encode(timeToFirstActionSeconds, forKey: .timeToFirstActionSeconds)
        try container.encode(timeToResolveSeconds, forKey: .timeToResolveSeconds)
        try container.encode(openCorrectiveActions, forKey: .openCorrectiveActions)
        try container.encode(recordProblems, forKey: .recordProblems)
    }

    static let csvHeader = CodingKeys.allCases.map(\.rawValue)

    var csvFields: [String] {
        [runID, scenarioID, scenarioTitle, status, Formats.number(score), startedAt, endedAt ?? "",
         Formats.number(timeToAcknowledgeSeconds), Formats.number(timeToEscalateSeconds),
         Formats.number(timeToFirstActionSeconds), Formats.number(timeToResolveSeconds), "\(openCorrectiveActions)",
         recordProblems.joined(separator: "; ")]
    }
}

extension HistoryEntry.CodingKeys: CaseIterable {}
