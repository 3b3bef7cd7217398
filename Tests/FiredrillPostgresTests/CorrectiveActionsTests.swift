import FiredrillCore
import FiredrillPostgres
import FiredrillSQLite
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Testing

/// The improvement plan in PostgreSQL: the same items, order, overdue days, refusals and
/// report facts as SQLite keeps.
@Suite("PostgreSQL: the improvement plan, as SQLite keeps it", .serialized)
struct CorrectiveActionsTests {
    static let epoch = Date(timeIntervalSince1970: 1_795_320_062) // 2026-11-22T04:01:02Z

    func transcript(_ store: any DrillStore) throws -> [String] {
        let events = RecordingTests.events()
        let runID = try store.recordFinishedRun(
            scenario: RecordingTests.scenario, source: RecordingTests.source, path: "p", interface: .script, speed: nil,
            participants: [Participant(role: "oncall", displayName: "亜矢")], events: events,
            report: DrillReport(scenario: RecordingTests.scenario, events: events, mode: .replay), wallClock: { Self.epoch }
        )
        // The run's id is random, and its chain head covers it: both are named, not compared.
        let head = try store.run(id: runID).chainHead ?? "none"
        var lines: [String] = []
        func step<T>(_ title: String, _ body: () throws -> T) {
            lines.append("\(title): \(ParityStores.outcome(body))".replacingOccurrences(of: runID, with: "RUN").replacingOccurrences(of: head, with: "HEAD"))
        }
        func add(_ title: String, objective: String? = nil, issue: String = "電話の基準がない", due: String? = nil, start: String? = nil, at seconds: Double = 0) {
            step("add \(title)") {
                try store.addCorrectiveAction(runID: runID, plan: try PlannedAction(
                    objectiveID: objective, issue: issue, correctiveAction: "手順書に追記する", capability: "planning",
                    responsibleOrg: "運用部", responsibleRole: "当番", startDate: start, dueDate: due
                ), createdAt: Self.epoch.addingTimeInterval(seconds))
            }
        }
        add("due later", objective: "ack", due: "2026-12-15", start: "2026-11-23")
        add("due soon", due: "2026-11-25", at: 1)
        add("undated", at: 2)
        add("same due", objective: "esc", due: "2026-11-25", at: 3)
        add("objective the run did not score", objective: "nope")
        step("add to no run") { try store.addCorrectiveAction(runID: "r-none", plan: try PlannedAction(issue: "i", correctiveAction: "a", capability: "Training", responsibleOrg: "o"), createdAt: Self.epoch) }
        step("all") { try store.correctiveActions(runID: nil, openOnly: false, overdueAsOf: nil, timeZone: .gmt).map(\.id) }
        step("in progress") { try store.markCorrectiveActionInProgress(id: 2) }
        step("closed") { try store.closeCorrectiveAction(id: 3, evidence: " 研修を実施した（記録あり） ", at: Self.epoch.addingTimeInterval(86_400)) }
        step("closed again") { try store.closeCorrectiveAction(id: 3, evidence: "e", at: Self.epoch) }
        step("in progress when closed") { try store.markCorrectiveActionInProgress(id: 3) }
        step("close none") { try store.closeCorrectiveAction(id: 99, evidence: "e", at: Self.epoch) }
        step("open only") { try store.correctiveActions(runID: runID, openOnly: true, overdueAsOf: nil, timeZone: .gmt).map(\.id) }
        step("overdue on 2026-11-26 in Tokyo") {
            try store.correctiveActions(runID: nil, openOnly: false, overdueAsOf: Self.epoch.addingTimeInterval(4 * 86_400), timeZone: TimeZone(identifier: "Asia/Tokyo")!).map(\.id)
        }
        step("of another run") { try store.correctiveActions(runID: "r-other", openOnly: false, overdueAsOf: nil, timeZone: .gmt).map(\.id) }
        step("every item, whole") { try store.correctiveActions(runID: nil, openOnly: false, overdueAsOf: nil, timeZone: .gmt) }
        step("the report's facts on 2026-12-01") { try store.recordInfo(runID: runID, now: Self.epoch.addingTimeInterval(9 * 86_400)) }
        return lines
    }

    @Test("items, their order and overdue days, closing, refusals and the report's plan: the same on both stores")
    func sameAsSQLite() throws {
        let sqlite = try transcript(try AppDatabase.inMemory())
        let store = try ParityStores.postgres("corrective_actions_parity")
        defer { try? store.close() }
        let postgres = try transcript(store)
        #expect(postgres.count == sqlite.count)
        for (expected, actual) in zip(sqlite, postgres) { #expect(actual == expected) }
        #expect(sqlite.contains("all: [2, 4, 1, 3]"), "\(sqlite)")
        #expect(sqlite.contains { $0.hasPrefix("add objective the run did not score: refused invalidInput: run 'RUN' has no objective 'nope'") })
        #expect(sqlite.contains("open only: [2, 4, 1]"))
    }
}
