import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

extension RunStatus: ExpressibleByArgument {}

extension Firedrill {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recorded drills, newest first.",
            discussion: """
            'mode' says whether the drill was played live (terminal or server) or replayed from a \
            script. The score covers the objectives shown as 'covered' (exercised of all); a drill \
            ended before some objectives could be judged is marked 'incomplete'. Times are drill \
            times from the drill's start: of the first acknowledgement, escalation and action of \
            any kind, and (effective) of the first escalation and action that met an objective. \
            'open' counts open corrective actions.
            """
        )

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Only runs with this status: running, finished or interrupted.")
        var status: RunStatus?

        @Option(help: "At most this many runs.")
        var limit: Int?

        @OptionGroup var output: ListOptions

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
                rows[index].status = StoredReport.displayStatus(rows[index].status, runID: rows[index].runID, databasePath: database.location)
            }
            if let status {
                rows = rows.filter { $0.status == status }
                if let limit { rows = Array(rows.prefix(limit)) }
            }
            try output.write(rows.map(HistoryEntry.init), csvHeader: HistoryEntry.csvHeader, fields: \.csvFields) {
                guard !rows.isEmpty else { return "no runs recorded in \(database.location)\n" }
                var lines = [[
                    "run", "started (UTC)", "scenario", "mode", "status", "score", "covered", "ack", "escalate", "eff. escalation",
                    "1st action", "eff. action", "open",
                ]]
                for row in rows {
                    lines.append([
                        row.runID, Formats.utc(row.startedAt), row.scenarioID, row.mode?.rawValue ?? "?", row.status.rawValue,
                        row.score.map { Formats.number($0) } ?? "–", Self.coverage(row), Formats.clock(row.ackMs),
                        Formats.clock(row.escalateMs), Formats.clock(row.effectiveEscalationMs), Formats.clock(row.firstActionMs),
                        Formats.clock(row.effectiveActionMs), "\(row.openActions)",
                    ])
                }
                return table(lines) + "Times are drill time from the start; 'eff.': the first escalation or action that met an objective.\n"
            }
            for row in rows where !row.damage.isEmpty {
                Console.error("warning: run \(row.runID): its record is damaged (\(row.damage.joined(separator: "; "))); 'firedrill verify \(row.runID)' checks it")
            }
        }
        /// What the score covers: `4/8 incomplete` for a drill ended early, `8/8` otherwise.
        static func coverage(_ row: HistoryRow) -> String {
            guard let exercised = row.objectivesExercised, let total = row.objectivesTotal else { return "–" }
            return "\(exercised)/\(total)" + (row.complete == false ? " incomplete" : "")
        }
    }
}

extension HistoryEntry {
    static let csvHeader = HistoryEntry.keys

    var csvFields: [String] {
        [runID, scenarioID, scenarioTitle, status, Formats.number(score), startedAt, endedAt ?? "",
         Formats.number(timeToAcknowledgeSeconds), Formats.number(timeToEscalateSeconds),
         Formats.number(timeToFirstActionSeconds), Formats.number(timeToResolveSeconds), "\(openCorrectiveActions)",
         recordProblems.joined(separator: "; "), mode ?? "", objectivesExercised.map { "\($0)" } ?? "",
         objectivesTotal.map { "\($0)" } ?? "", complete.map { $0 ? "true" : "false" } ?? "",
         Formats.number(detectionAtSeconds), Formats.number(timeToEffectiveEscalationSeconds), Formats.number(timeToEffectiveActionSeconds)]
    }
}

