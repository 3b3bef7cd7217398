import FiredrillCore
import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Testing

@Suite("History and trends")
struct HistoryTests {
    /// Five runs on days 0…4: db-outage finished (0), phishing finished (1), db-outage
    /// interrupted (2), db-outage finished (3), phishing running (4).
    private func populate(_ database: AppDatabase) throws -> [String] {
        let outage = Fixtures.scenario()
        let phishing = Fixtures.scenario(id: "phishing", title: "Phishing")
        var ids: [String] = []
        for (day, scenario) in [(0, outage), (1, phishing), (3, outage)] {
            let participants = day == 1
                ? [Participant(role: "comms", displayName: nil, department: nil)]
                : Fixtures.participants
            ids.append(try Fixtures.recordFinishedRun(
                in: database, scenario: scenario, clock: SteppingClock(start: Fixtures.day(day)), participants: participants
            ))
        }
        let interrupted = try database.startRun(
            scenario: outage, source: "s", path: "s", interface: .terminal, speed: 1, participants: [],
            wallClock: SteppingClock(start: Fixtures.day(2)).closure
        )
        try interrupted.append(Fixtures.actions(from: 0, count: 2))
        try interrupted.markInterrupted()
        let running = try database.startRun(
            scenario: phishing, source: "s", path: "s", interface: .terminal, speed: 1, participants: [],
            wallClock: SteppingClock(start: Fixtures.day(4)).closure
        )
        ids.insert(interrupted.runID, at: 2)
        ids.append(running.runID)
        return ids
    }

    @Test("history lists runs newest first, with their metrics and open actions", arguments: StoreKind.allCases)
    func ordering(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ids = try populate(fixture.database)
        try fixture.database.addCorrectiveAction(runID: ids[3], issue: "slow ack", correctiveAction: "pager drill", capability: "training", responsibleOrg: "SRE")
        let closed = try fixture.database.addCorrectiveAction(runID: ids[3], issue: "x", correctiveAction: "y", capability: "Planning", responsibleOrg: "SRE")
        try fixture.database.addCorrectiveAction(runID: ids[3], issue: "no runbook", correctiveAction: "write it", capability: "Planning", responsibleOrg: "SRE")
        try fixture.database.closeCorrectiveAction(id: closed, evidence: "done")

        let rows = try fixture.database.history()
        #expect(rows.map(\.runID) == ids.reversed())
        #expect(rows.map(\.status) == [.running, .finished, .interrupted, .finished, .finished])
        #expect(rows.map(\.openActions) == [0, 2, 0, 0, 0])
        let finished = rows[1]
        #expect(finished.scenarioID == "db-outage" && finished.scenarioTitle == "Database outage")
        // A run starts with its first event, one tick of the stepping clock after its record was made.
        #expect(Timestamp.string(from: finished.startedAt) == Timestamp.string(from: Fixtures.day(3).addingTimeInterval(1.001)))
        #expect(finished.endedAt != nil && finished.score != nil)
        #expect(finished.ackMs == 95_250 && finished.escalateMs == 200_000 && finished.resolveMs == 700_000)
        #expect(rows[0].endedAt == nil && rows[0].score == nil && rows[0].ackMs == nil)
    }

    @Test("history filters by scenario, time range, status and limit", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ids = try populate(fixture.database)
        let history = { (filter: HistoryFilter) in try fixture.database.history(filter: filter).map(\.runID) }
        #expect(try history(HistoryFilter(scenarioID: "db-outage")) == [ids[3], ids[2], ids[0]])
        #expect(try history(HistoryFilter(scenarioID: "phishing", status: .finished)) == [ids[1]])
        #expect(try history(HistoryFilter(status: .interrupted)) == [ids[2]])
        #expect(try history(HistoryFilter(since: Fixtures.day(1), until: Fixtures.day(3))) == [ids[2], ids[1]])
        #expect(try history(HistoryFilter(since: Fixtures.day(3))) == [ids[4], ids[3]])
        #expect(try history(HistoryFilter(until: Fixtures.day(0))) == [])
        #expect(try history(HistoryFilter(limit: 2)) == [ids[4], ids[3]])
        #expect(try history(HistoryFilter(scenarioID: "db-outage", since: Fixtures.day(1), limit: 1)) == [ids[3]])
        #expect(try history(HistoryFilter(scenarioID: "unknown")) == [])
    }

    @Test("trend points: finished runs oldest first, with credits, metrics and departments", arguments: StoreKind.allCases)
    func trends(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ids = try populate(fixture.database)
        let points = try fixture.database.trendPoints()
        #expect(points.map(\.runID) == [ids[0], ids[1], ids[3]])
        let report = DrillReport(scenario: Fixtures.scenario(), events: Fixtures.events(), mode: .replay)
        let expectedCredits = Dictionary(uniqueKeysWithValues: report.objectives.compactMap { o in o.credit.map { (o.id, $0) } })
        #expect(points[0].credits == expectedCredits)
        #expect(points[0].score == report.score)
        #expect(points[0].departments == ["PR", "SRE"])
        #expect(points[1].departments == ["Communications"])
        #expect(points[0].ackMs == 95_250 && points[0].firstActionMs == report.metrics.timeToFirstActionSeconds.map { Int64($0 * 1000) })
        #expect(Timestamp.string(from: points[2].startedAt) == Timestamp.string(from: Fixtures.day(3).addingTimeInterval(1.001)))

        #expect(try fixture.database.trendPoints(scenarioID: "db-outage").map(\.runID) == [ids[0], ids[3]])
        #expect(try fixture.database.trendPoints(since: Fixtures.day(1), until: Fixtures.day(3)).map(\.runID) == [ids[1]])
        #expect(try fixture.database.trendPoints(scenarioID: "phishing", since: Fixtures.day(2)).isEmpty)
    }
}
