import FiredrillCore
import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Testing

@Suite("Corrective actions")
struct CorrectiveActionTests {
    @Test("add, list (all, open, overdue), progress and close", arguments: StoreKind.allCases)
    func lifecycle(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let database = fixture.database
        let runID = try Fixtures.recordFinishedRun(in: database)
        let other = try Fixtures.recordFinishedRun(in: database)

        let late = try database.addCorrectiveAction(runID: runID, plan: PlannedAction(
            objectiveID: "ack", issue: "  Acknowledgement took 35 s  ", correctiveAction: "Pager training",
            capability: "training", responsibleOrg: "SRE", responsibleRole: "oncall", startDate: "2026-11-23", dueDate: "2026-12-01"
        ), createdAt: Fixtures.epoch)
        let soon = try database.addCorrectiveAction(
            runID: runID, issue: "No runbook", correctiveAction: "Write the failover runbook", capability: "Planning",
            responsibleOrg: "DBA team", dueDate: "2026-12-15"
        )
        let undated = try database.addCorrectiveAction(
            runID: other, issue: "Status page slow", correctiveAction: "Automate", capability: "EQUIPMENT", responsibleOrg: "Comms"
        )

        let all = try database.correctiveActions()
        #expect(all.map(\.id) == [late, soon, undated]) // by due date, undated last
        let first = all[0]
        #expect(first.runID == runID && first.objectiveID == "ack")
        #expect(first.issue == "Acknowledgement took 35 s")
        #expect(first.capability == .training && first.status == .open)
        #expect(first.responsibleRole == "oncall" && first.startDate == "2026-11-23" && first.dueDate == "2026-12-01")
        #expect(first.createdAt == "2026-11-22T04:01:02.000Z")
        #expect(all[2].capability == .equipment)

        #expect(try database.correctiveActions(runID: runID).map(\.id) == [late, soon])
        #expect(try database.correctiveActions(runID: other).map(\.id) == [undated])

        let dec10 = try #require(ISO8601DateFormatter().date(from: "2026-12-10T12:00:00Z"))
        #expect(try database.correctiveActions(overdueAsOf: dec10).map(\.id) == [late])
        let dec1 = try #require(ISO8601DateFormatter().date(from: "2026-12-01T23:00:00Z"))
        #expect(try database.correctiveActions(overdueAsOf: dec1).isEmpty) // due today is not overdue
        // 23:00 UTC on Dec 1 is already Dec 2 in Tokyo.
        #expect(try database.correctiveActions(overdueAsOf: dec1, timeZone: TimeZone(identifier: "Asia/Tokyo")!).map(\.id) == [late])

        let inProgress = try database.markCorrectiveActionInProgress(id: soon)
        #expect(inProgress.status == .inProgress)
        #expect(try database.correctiveActions(openOnly: true).map(\.id) == [late, soon, undated])

        let closed = try database.closeCorrectiveAction(id: late, evidence: "Training held 2026-11-30", at: dec1)
        #expect(closed.status == .closed)
        #expect(closed.closingEvidence == "Training held 2026-11-30")
        #expect(closed.closedAt == "2026-12-01T23:00:00.000Z")
        #expect(try database.correctiveActions(openOnly: true).map(\.id) == [soon, undated])
        #expect(try database.correctiveActions(overdueAsOf: dec10).isEmpty)
        #expect(try database.correctiveActions().count == 3)

        // The report's improvement plan has every action of the run, closed ones with their evidence.
        let info = try database.recordInfo(runID: runID, now: dec10)
        #expect(info.correctiveActions.map(\.id) == [late, soon])
        #expect(info.correctiveActions[0].status == "closed" && info.correctiveActions[0].closingEvidence == "Training held 2026-11-30")
        #expect(info.correctiveActions[0].overdue == false)
        #expect(info.correctiveActions[1] == .init(
            id: soon, objective: nil, issue: "No runbook", correctiveAction: "Write the failover runbook", capability: "Planning",
            responsibleOrg: "DBA team", responsibleRole: nil, startDate: nil, dueDate: "2026-12-15", status: "in-progress",
            closingEvidence: nil, closedAt: nil, overdue: false, strength: "medium"
        ))
        let later = try #require(ISO8601DateFormatter().date(from: "2026-12-20T12:00:00Z"))
        #expect(try database.recordInfo(runID: runID, now: later).correctiveActions.map(\.overdue) == [false, true])
    }

    @Test("the store refuses an unknown run or an objective the run did not score; the fields are the core's to check", arguments: StoreKind.allCases)
    func validation(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let database = fixture.database
        let runID = try Fixtures.recordFinishedRun(in: database)
        func add(run: String? = nil, objective: String? = nil) -> StoreError? {
            storeError { try database.addCorrectiveAction(runID: run ?? runID, objectiveID: objective, issue: "i", correctiveAction: "a", capability: "Planning", responsibleOrg: "o") }
        }
        #expect(add(run: "nope")?.code == .runNotFound)
        #expect(add(objective: "nope")?.message.contains("no objective 'nope'") == true)
        #expect(throws: InputError.self) {
            try database.addCorrectiveAction(runID: runID, issue: "i", correctiveAction: "a", capability: "Trainig", responsibleOrg: "o")
        }
        #expect(try database.correctiveActions().isEmpty)
        // CRLF and CR are line breaks like LF.
        let crlf = try database.addCorrectiveAction(
            runID: runID, issue: "first\r\nsecond\rthird", correctiveAction: "a", capability: "Planning", responsibleOrg: "o"
        )
        #expect(try database.correctiveActions().first { $0.id == crlf }?.issue == "first\nsecond\nthird")
        try database.unsafeExecute(sql: "DELETE FROM corrective_action")

        let id = try database.addCorrectiveAction(runID: runID, issue: "i", correctiveAction: "a", capability: "Exercise", responsibleOrg: "o")
        #expect(throws: InputError(.invalid, "invalid_action", "the closing evidence is required")) { try database.closeCorrectiveAction(id: id, evidence: "  ") }
        #expect(storeError { try database.closeCorrectiveAction(id: 999, evidence: "e") }?.code == .correctiveActionNotFound)
        try database.closeCorrectiveAction(id: id, evidence: "e")
        #expect(storeError { try database.closeCorrectiveAction(id: id, evidence: "e") }?.message.contains("already closed") == true)
        #expect(storeError { try database.markCorrectiveActionInProgress(id: id) }?.code == .invalidInput)
    }
}
