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

        let late = try database.addCorrectiveAction(
            runID: runID, objectiveID: "ack", issue: "  Acknowledgement took 35 s  ", correctiveAction: "Pager training",
            capability: "training", responsibleOrg: "SRE", responsibleRole: "oncall", startDate: "2026-11-23",
            dueDate: "2026-12-01", createdAt: Fixtures.epoch
        )
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

    @Test("invalid input is refused with a clear message", arguments: StoreKind.allCases)
    func validation(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let database = fixture.database
        let runID = try Fixtures.recordFinishedRun(in: database)
        func add(
            run: String? = nil, objective: String? = nil, issue: String = "i", action: String = "a", capability: String = "Planning",
            org: String = "o", start: String? = nil, due: String? = nil
        ) -> StoreError? {
            storeError {
                try database.addCorrectiveAction(
                    runID: run ?? runID, objectiveID: objective, issue: issue, correctiveAction: action, capability: capability,
                    responsibleOrg: org, startDate: start, dueDate: due
                )
            }
        }
        let capability = add(capability: "Trainig")
        #expect(capability?.code == .invalidInput)
        #expect(capability?.message.contains("unknown capability 'Trainig'") == true)
        #expect(capability?.message.contains("did you mean 'Training'") == true)
        #expect(capability?.message.contains("Planning, Organization, Equipment, Training, Exercise") == true)
        #expect(add(issue: "   ")?.message.contains("issue is required") == true)
        #expect(add(action: "")?.code == .invalidInput)
        #expect(add(org: "")?.code == .invalidInput)
        #expect(add(due: "2026-02-30")?.message.contains("yyyy-MM-dd") == true)
        #expect(add(start: "26-1-1")?.code == .invalidInput)
        #expect(add(start: "2026-12-02", due: "2026-12-01")?.message.contains("before the start date") == true)
        #expect(add(run: "nope")?.code == .runNotFound)
        #expect(add(objective: "nope")?.message.contains("no objective 'nope'") == true)
        // Text written into the record follows the rules of every other text: no escape
        // sequences, no line breaks in one-line fields, within the length limits.
        #expect(add(action: "Clear \u{1B}[2J the screen")?.message.contains("U+001B (ESC)") == true)
        #expect(add(issue: "bell\u{07}")?.message.contains("U+0007 (BEL)") == true)
        #expect(add(org: "Support\nteam")?.message.contains("U+000A (LF)") == true)
        #expect(add(issue: String(repeating: "x", count: 20_001))?.message.contains("the limit is 20000") == true)
        #expect(try database.correctiveActions().isEmpty)
        // CRLF and CR are line breaks like LF.
        let crlf = try database.addCorrectiveAction(
            runID: runID, issue: "first\r\nsecond\rthird", correctiveAction: "a", capability: "Planning", responsibleOrg: "o"
        )
        #expect(try database.correctiveActions().first { $0.id == crlf }?.issue == "first\nsecond\nthird")
        try database.unsafeExecute(sql: "DELETE FROM corrective_action")

        let id = try database.addCorrectiveAction(runID: runID, issue: "i", correctiveAction: "a", capability: "Exercise", responsibleOrg: "o")
        #expect(storeError { try database.closeCorrectiveAction(id: id, evidence: "  ") }?.message.contains("closing evidence is required") == true)
        #expect(storeError { try database.closeCorrectiveAction(id: 999, evidence: "e") }?.code == .correctiveActionNotFound)
        try database.closeCorrectiveAction(id: id, evidence: "e")
        #expect(storeError { try database.closeCorrectiveAction(id: id, evidence: "e") }?.message.contains("already closed") == true)
        #expect(storeError { try database.markCorrectiveActionInProgress(id: id) }?.code == .invalidInput)
    }

    @Test("capability names are read in any case")
    func capabilities() throws {
        #expect(try Capability(validating: "organization") == .organization)
        #expect(try Capability(validating: " Exercise ") == .exercise)
        #expect(throws: StoreError.self) { try Capability(validating: "Money") }
    }
}
