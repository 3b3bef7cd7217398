import FiredrillCore
import FiredrillPostgres
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Synchronization
import Testing

/// Runs recorded in PostgreSQL: the same chain rules as SQLite (``RunLog``), read back whole,
/// verified, and refused where SQLite refuses.
@Suite("PostgreSQL: recording runs", .serialized)
struct RecordingTests {
    static let scenario = Scenario(
        id: "db-outage", title: "データベース障害", duration: .seconds(1800),
        roles: [
            Role(id: "oncall", name: "当番エンジニア", department: "SRE"),
            Role(id: "cto", name: "CTO", persona: Persona(reply: "Keep me posted.")),
        ],
        injects: [Inject(id: "alert", to: .roles(["oncall"]), channel: "pager", subject: "DB down", trigger: .at(.seconds(60)))],
        objectives: [
            Objective(id: "ack", kind: .acknowledge, from: "alert", target: .seconds(60)),
            Objective(id: "esc", kind: .escalate, target: .seconds(300), weight: 2, to: "cto"),
        ]
    )
    static let source = "format: 1\nid: db-outage\n# \"quotes\", ünïcödé, \ttabs\n"

    static func events() -> [DrillEvent] {
        let kinds: [(Int64, DrillEvent.Kind)] = [
            (0, .started),
            (60_000, .injectDelivered(inject: "alert")),
            (95_250, .action(PlayerAction(role: "oncall", kind: .acknowledge, text: "対応します"))),
            (200_000, .action(PlayerAction(role: "oncall", kind: .escalate, text: "db \"primary\" down", target: "cto", channel: "chat"))),
            (200_000, .personaReply(persona: "cto", to: "oncall", text: "Keep me posted.")),
            (700_000, .ended(.endedByTrainer)),
        ]
        return kinds.enumerated().map { DrillEvent(sequence: $0.offset, time: DrillTime(milliseconds: $0.element.0), kind: $0.element.1) }
    }

    func store(_ name: String) throws -> PostgresStore {
        let cluster = try PostgresCluster.shared()
        return try PostgresStore.open(try PostgresAddress(url: cluster.url(try cluster.database(name))))
    }

    func clock() -> @Sendable () -> Date {
        let next = Mutex(Date(timeIntervalSince1970: 1_795_320_062))
        return { next.withLock { date in defer { date += 1.001 }; return date } }
    }

    @Test("a run recorded in two batches and finished reads back whole, verifies, and its stored result agrees with its events")
    func record() throws {
        let store = try store("recording_whole")
        defer { try? store.close() }
        let participants = [Participant(role: "oncall", displayName: "亜矢", department: nil)]
        let recorder = try store.startRun(
            scenario: Self.scenario, source: Self.source, path: "/drills/db-outage.yaml", interface: .server, speed: 2,
            participants: participants, wallClock: clock()
        )
        let events = Self.events()
        let times = try recorder.appendReturningWallTimes(Array(events[0..<2]))
        #expect(times == ["2026-11-22T04:01:03.001Z", "2026-11-22T04:01:04.002Z"])
        try recorder.append(Array(events[2...]))
        let report = DrillReport(scenario: Self.scenario, events: events, mode: .live)
        try recorder.finish(report: report)

        let run = try store.run(id: recorder.runID)
        #expect(run.status == .finished && run.eventCount == events.count && run.speed == 2)
        #expect(run.scenarioSource == Self.source)
        #expect(run.startedAt == "2026-11-22T04:01:03.001Z")
        #expect(run.score == report.score && run.ackMs == 95_250, "\(String(describing: run.ackMs))")
        #expect(try store.events(runID: recorder.runID) == events)
        #expect(try store.participants(runID: recorder.runID) == [Participant(role: "oncall", displayName: "亜矢", department: "SRE")])
        let verification = try store.verify(runID: recorder.runID)
        #expect(verification == .intact(head: run.chainHead ?? "", events: events.count))
        #expect(try store.resultDifferences(runID: recorder.runID, report: report) == [])
        // A prefix names the run; the record takes only what may follow the end.
        #expect(try store.run(id: String(recorder.runID.prefix(12))).id == recorder.runID)
        #expect(throws: StoreError.runFinished(recorder.runID)) {
            try recorder.append([DrillEvent(sequence: events.count, time: .seconds(800), kind: .paused)])
        }
        let survey = DrillEvent(sequence: events.count, time: .seconds(800), kind: .surveyAnswer(SurveyAnswer(participant: "oncall", question: 0, score: 4)))
        try recorder.append([survey])
        #expect(try store.verify(runID: recorder.runID).isIntact)
    }

    @Test("a record altered behind firedrill's back does not verify; a run that is not there is named")
    func tampering() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("recording_tampered")
        let store = try PostgresStore.open(try PostgresAddress(url: cluster.url(name)))
        defer { try? store.close() }
        let events = Self.events()
        let runID = try store.recordFinishedRun(
            scenario: Self.scenario, source: Self.source, path: "p", interface: .script, speed: nil,
            participants: [Participant(role: "oncall")], events: events,
            report: DrillReport(scenario: Self.scenario, events: events, mode: .replay), wallClock: clock()
        )
        #expect(try store.verify(runID: runID).isIntact)
        try cluster.sql("UPDATE event SET payload = replace(payload, '対応します', '対応しません') WHERE seq = 2", database: name)
        #expect(try store.verify(runID: runID) == .broken(firstBadSequence: 2, reason: "event 2 was altered: its content does not match its hash"))
        try cluster.sql("UPDATE run SET score = 42", database: name)
        let report = DrillReport(scenario: Self.scenario, events: events, mode: .replay)
        let differences = try store.resultDifferences(runID: runID, report: report)
        let stored = try store.run(id: runID)
        #expect(differences.first?.hasPrefix("the score is 42.0 in the record") == true, "\(differences) \(stored)")
        #expect(throws: StoreError.runNotFound("r-nope")) { try store.run(id: "r-nope") }
        #expect(throws: StoreError.self) {
            try store.startRun(scenario: Self.scenario, source: Self.source, path: "p", interface: .server, speed: nil, participants: [Participant(role: "ceo")])
        }
    }
}
