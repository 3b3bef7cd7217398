import FiredrillCore
import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Testing

@Suite("Recording runs")
struct RunRecorderTests {
    @Test("a recorded run reads back: run row, events, participants, record info", arguments: StoreKind.allCases)
    func recordAndReadBack(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let database = fixture.database
        let scenario = Fixtures.scenario()
        let clock = SteppingClock()
        let recorder = try database.startRun(
            scenario: scenario, source: Fixtures.source, path: "/drills/db.yaml", interface: .terminal, speed: 2.5,
            participants: Fixtures.participants, wallClock: clock.closure
        )
        #expect(recorder.runID.hasPrefix("r-20261122-040102-"))
        #expect(recorder.runID.count == "r-20261122-040102-7f3a".count)

        var run = try database.run(id: recorder.runID)
        #expect(run.status == .running)
        #expect(run.startedAt == "2026-11-22T04:01:02.000Z")
        #expect(run.scenarioSource == Fixtures.source)
        #expect(run.scenarioSHA256 == EventChain.sha256Hex(Fixtures.source))
        #expect(run.scenarioSHA256.count == 64)
        #expect(run.mode == .live && run.interface == .terminal && run.speed == 2.5 && run.scenarioPath == "/drills/db.yaml")
        #expect(run.chainHead == nil && run.eventCount == 0)

        let events = Fixtures.events()
        try recorder.append(Array(events[0..<1]))
        try recorder.append([])
        try recorder.append(Array(events[1..<5]))
        try recorder.checkpoint(drillTime: .seconds(250))
        try recorder.append(Array(events[5...]))
        #expect(try database.events(runID: recorder.runID) == events)

        run = try database.run(id: recorder.runID)
        #expect(run.eventCount == events.count)
        #expect(run.checkpointMs == 700_000)
        #expect(run.chainHead != nil)

        let report = DrillReport(scenario: scenario, events: events, mode: .replay)
        try recorder.finish(report: report)
        run = try database.run(id: recorder.runID)
        #expect(run.status == .finished)
        #expect(run.endedAt != nil)
        #expect(run.score == report.score)
        #expect(run.ackMs == 95_250)
        #expect(run.escalateMs == 200_000)
        #expect(run.resolveMs == 700_000)

        #expect(try database.participants(runID: recorder.runID) == [
            .init(role: "oncall", displayName: "Ada", department: "SRE"), // department from the scenario
            .init(role: "comms", displayName: nil, department: "PR"),
        ])
        let info = try database.recordInfo(runID: recorder.runID)
        #expect(info.runID == recorder.runID)
        #expect(info.status == "finished")
        #expect(info.speed == 2.5)
        #expect(info.chainHead == run.chainHead)
        #expect(info.scenarioSHA256 == run.scenarioSHA256)
        // The drill started with its first event, a tick after the record was made.
        #expect(info.startedAt == "2026-11-22T04:01:03.001Z")
        #expect(info.correctiveActions.isEmpty)

        // Objective results are stored.
        let credits = try database.trendPoints().first?.credits
        #expect(credits?["ack"] == report.objectives.first { $0.id == "ack" }?.credit)
        #expect(credits?.count == report.objectives.filter { $0.credit != nil }.count)
    }

    @Test("event rows hold the documented columns: payload JSON with sorted keys, wall time, chain links", arguments: StoreKind.allCases)
    func storedColumns(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        let row = { (column: String, seq: Int) in
            try fixture.database.unsafeFetchText(sql: "SELECT \(column) FROM event WHERE run_id = ? AND seq = \(seq)", arguments: [runID])
        }
        #expect(try row("payload", 1) == #"{"inject":"alert","sequence":1,"time_ms":60000,"type":"inject-delivered"}"#)
        #expect(try row("type", 3) == "action")
        #expect(try row("drill_ms", 2) == "95250")
        // The run row was stamped at 04:01:02.000; each event reading advances the clock 1.001 s.
        #expect(try row("wall_time", 0) == "2026-11-22T04:01:03.001Z")
        // The first link covers the run's facts, fixed when the first event was stored.
        let factsJSON = try #require(try fixture.database.run(id: runID).facts)
        let facts = try #require(RunFacts.decode(factsJSON))
        #expect(facts.scenarioSHA256 == EventChain.sha256Hex(Fixtures.source) && facts.startedAt == "2026-11-22T04:01:03.001Z")
        #expect(try row("prev_hash", 0) == EventChain.genesisHash(facts: facts.canonicalJSON))
        #expect(try row("prev_hash", 1) == row("hash", 0))
        let head = try fixture.database.run(id: runID).chainHead
        #expect(try row("hash", Fixtures.events().count - 1) == head)
    }

    @Test("the chain follows the documented rule, recomputed independently")
    func chainRule() throws {
        let runID = "r-20261122-040102-7f3a"
        let sha = EventChain.sha256Hex("scenario text")
        // SHA-256("abc"), FIPS 180-2.
        #expect(EventChain.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let genesis = EventChain.genesisHash(runID: runID, scenarioSHA256: sha)
        #expect(genesis == EventChain.sha256Hex("firedrill-run\n\(runID)\n\(sha)"))

        var chain = EventChain(runID: runID, scenarioSHA256: sha)
        let event = DrillEvent(sequence: 0, time: .zero, kind: .started)
        let link = try chain.append(event, wallTime: "2026-11-22T04:01:02.123Z")
        #expect(link.payload == #"{"sequence":0,"time_ms":0,"type":"started"}"#)
        let canonical = #"{"drill_ms":0,"payload":"{\"sequence\":0,\"time_ms\":0,\"type\":\"started\"}","run_id":"r-20261122-040102-7f3a","seq":0,"type":"started","wall_time":"2026-11-22T04:01:02.123Z"}"#
        #expect(try EventChain.canonicalForm(runID: runID, sequence: 0, drillMs: 0, wallTime: link.wallTime, type: "started", payload: link.payload) == canonical)
        #expect(link.previousHash == genesis)
        #expect(link.hash == EventChain.sha256Hex(genesis + "\n" + canonical))
        #expect(chain.head == link.hash && chain.nextSequence == 1)
        #expect(throws: StoreError.self) { try chain.append(DrillEvent(sequence: 5, time: .zero, kind: .paused), wallTime: "x") }
    }

    @Test("the chain head is stable: re-verifying gives the same head, and the head depends on the run", arguments: StoreKind.allCases)
    func headIsStable(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let first = try Fixtures.recordFinishedRun(in: fixture.database)
        let second = try Fixtures.recordFinishedRun(in: fixture.database)
        let head = try #require(try fixture.database.run(id: first).chainHead)
        #expect(try fixture.database.verify(runID: first) == .intact(head: head, events: Fixtures.events().count))
        #expect(try fixture.database.verify(runID: first) == .intact(head: head, events: Fixtures.events().count))
        #expect(try fixture.database.run(id: first).chainHead == head)
        #expect(try fixture.database.run(id: second).chainHead != head)
        #expect(try fixture.database.verify(runID: second).isIntact)
    }

    @Test("a run without events verifies intact at its genesis hash", arguments: StoreKind.allCases)
    func emptyRunIsIntact(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let recorder = try fixture.database.startRun(
            scenario: Fixtures.scenario(), source: "x", path: "x.yaml", interface: .script, speed: nil, participants: []
        )
        let genesis = EventChain.genesisHash(runID: recorder.runID, scenarioSHA256: EventChain.sha256Hex("x"))
        #expect(try fixture.database.verify(runID: recorder.runID) == .intact(head: genesis, events: 0))
    }

    @Test("editing one byte of one payload is reported as that event altered", arguments: StoreKind.allCases)
    func alteredPayload(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        // "on it" becomes "on iT".
        try fixture.database.unsafeExecute(
            sql: "UPDATE event SET payload = replace(payload, 'on it', 'on iT') WHERE run_id = ? AND seq = 2", arguments: [runID]
        )
        let result = try fixture.database.verify(runID: runID)
        guard case .broken(let sequence, let reason) = result else {
            Issue.record("expected broken, got \(result)")
            return
        }
        #expect(sequence == 2)
        #expect(reason.contains("altered") && reason.contains("hash"), "\(reason)")
    }

    @Test("changing a column the hash covers (drill time, wall time) is reported as altered", arguments: StoreKind.allCases)
    func alteredColumn(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        try fixture.database.unsafeExecute(sql: "UPDATE event SET wall_time = '2020-01-01T00:00:00.000Z' WHERE run_id = ? AND seq = 4", arguments: [runID])
        #expect(try fixture.database.verify(runID: runID) == .broken(firstBadSequence: 4, reason: "event 4 was altered: its content does not match its hash"))
    }

    @Test("deleting an event is detected", arguments: StoreKind.allCases)
    func deletedEvent(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        try fixture.database.unsafeExecute(sql: "DELETE FROM event WHERE run_id = ? AND seq = 3", arguments: [runID])
        guard case .broken(let sequence, let reason) = try fixture.database.verify(runID: runID) else {
            Issue.record("deletion not detected")
            return
        }
        #expect(sequence == 3)
        #expect(reason.contains("missing") && reason.contains("deleted"), "\(reason)")
    }

    @Test("deleting the last events is detected from the run's event count", arguments: StoreKind.allCases)
    func deletedTail(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        try fixture.database.unsafeExecute(sql: "DELETE FROM event WHERE run_id = ? AND seq >= 9", arguments: [runID])
        guard case .broken(let sequence, let reason) = try fixture.database.verify(runID: runID) else {
            Issue.record("deletion not detected")
            return
        }
        #expect(sequence == 9)
        #expect(reason.contains("deleted"), "\(reason)")
    }

    @Test("inserting an extra event is detected, even with a correctly chained hash", arguments: StoreKind.allCases)
    func insertedEvent(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        let run = try fixture.database.run(id: runID)
        let head = try #require(run.chainHead)
        // A forger who knows the rule chains a new event onto the head…
        var chain = EventChain(runID: runID, head: head, nextSequence: run.eventCount)
        let forged = try chain.append(
            DrillEvent(sequence: run.eventCount, time: .seconds(701), kind: .action(PlayerAction(role: "oncall", kind: .report, text: "all fine"))),
            wallTime: "2026-11-22T05:00:00.000Z"
        )
        try fixture.database.unsafeExecute(
            sql: "INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [runID, "\(forged.sequence)", "\(forged.drillMs)", forged.wallTime, forged.type, forged.payload, forged.previousHash, forged.hash]
        )
        // …but the run row still counts the recorded events.
        guard case .broken(let sequence, let reason) = try fixture.database.verify(runID: runID) else {
            Issue.record("insertion not detected")
            return
        }
        #expect(sequence == run.eventCount)
        #expect(reason.contains("inserted"), "\(reason)")

        // Inserting in the middle (renumbering the rest) breaks the links.
        let other = try Fixtures.recordFinishedRun(in: fixture.database)
        try fixture.database.unsafeExecute(sql: "UPDATE event SET seq = seq + 100 WHERE run_id = ? AND seq >= 5", arguments: [other])
        try fixture.database.unsafeExecute(sql: "UPDATE event SET seq = seq - 99 WHERE run_id = ? AND seq >= 105", arguments: [other])
        try fixture.database.unsafeExecute(sql: """
            INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash)
            SELECT run_id, 5, drill_ms, wall_time, type, payload, prev_hash, hash FROM event WHERE run_id = ? AND seq = 4
            """, arguments: [other])
        guard case .broken(let middle, let middleReason) = try fixture.database.verify(runID: other) else {
            Issue.record("insertion not detected")
            return
        }
        #expect(middle == 5)
        #expect(middleReason.contains("inserted") || middleReason.contains("altered"), "\(middleReason)")
    }

    @Test("a missing or altered chain head is detected", arguments: StoreKind.allCases)
    func alteredHead(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        let last = Fixtures.events().count - 1
        try fixture.database.unsafeExecute(sql: "UPDATE run SET chain_head = 'feed' WHERE id = ?", arguments: [runID])
        guard case .broken(let sequence, let reason) = try fixture.database.verify(runID: runID) else {
            Issue.record("altered head not detected")
            return
        }
        #expect(sequence == last)
        #expect(reason.contains("head altered"), "\(reason)")
        try fixture.database.unsafeExecute(sql: "UPDATE run SET chain_head = NULL WHERE id = ?", arguments: [runID])
        guard case .broken(_, let missing) = try fixture.database.verify(runID: runID) else {
            Issue.record("missing head not detected")
            return
        }
        #expect(missing.contains("head is missing"), "\(missing)")
    }

    @Test("appending refuses gaps, finished runs, and a log that no longer matches its head", arguments: StoreKind.allCases)
    func appendGuards(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let recorder = try fixture.database.startRun(
            scenario: Fixtures.scenario(), source: "s", path: "s.yaml", interface: .script, speed: nil, participants: []
        )
        try recorder.append(Fixtures.actions(from: 0, count: 3))
        let gap = storeError { try recorder.append(Fixtures.actions(from: 4, count: 1)) }
        #expect(gap?.code == .sequenceMismatch)
        #expect(gap?.message.contains("expects event 3") == true)
        // A failing batch stores nothing.
        let partly = storeError { try recorder.append(Fixtures.actions(from: 3, count: 1) + Fixtures.actions(from: 9, count: 1)) }
        #expect(partly?.code == .sequenceMismatch)
        #expect(try fixture.database.events(runID: recorder.runID).count == 3)

        try fixture.database.unsafeExecute(sql: "UPDATE event SET hash = 'x' WHERE run_id = ? AND seq = 2", arguments: [recorder.runID])
        #expect(storeError { try recorder.append(Fixtures.actions(from: 3, count: 1)) }?.code == .inconsistentRecord)

        let finished = try fixture.database.startRun(
            scenario: Fixtures.scenario(), source: "s", path: "s.yaml", interface: .script, speed: nil, participants: []
        )
        let events = Fixtures.actions(from: 0, count: 2)
        try finished.append(events)
        try finished.finish(report: DrillReport(scenario: Fixtures.scenario(), events: events, mode: .replay))
        #expect(storeError { try finished.append(Fixtures.actions(from: 2, count: 1)) }?.code == .runFinished)
        #expect(storeError { try finished.finish(report: DrillReport(scenario: Fixtures.scenario(), events: events, mode: .replay)) }?.code == .runFinished)
        #expect(storeError { _ = try fixture.database.recorder(resuming: finished.runID) }?.code == .runFinished)
    }

    @Test("an interrupted run resumes from its stored chain, from another connection too", arguments: StoreKind.allCases)
    func resume(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let clock = SteppingClock()
        let first = try fixture.database.startRun(
            scenario: Fixtures.scenario(), source: Fixtures.source, path: "s.yaml", interface: .terminal, speed: 1,
            participants: [], wallClock: clock.closure
        )
        try first.append(Fixtures.actions(from: 0, count: 4))
        try first.checkpoint(drillTime: .seconds(10))
        try first.checkpoint(drillTime: .seconds(7)) // never backwards
        try fixture.database.markInterrupted(runID: first.runID)
        var run = try fixture.database.run(id: first.runID)
        #expect(run.status == .interrupted)
        #expect(run.checkpointMs == 10_000)

        let database = kind == .onDisk ? try AppDatabase.open(path: fixture.path) : fixture.database
        let resumed = try database.recorder(resuming: String(first.runID.prefix(first.runID.count - 1)), wallClock: clock.closure)
        #expect(resumed.runID == first.runID)
        #expect(try database.run(id: first.runID).status == .running)
        try resumed.append(Fixtures.actions(from: 4, count: 4))
        run = try database.run(id: first.runID)
        #expect(run.eventCount == 8)
        #expect(try database.verify(runID: first.runID) == .intact(head: try #require(run.chainHead), events: 8))
        #expect(try database.events(runID: first.runID) == Fixtures.actions(from: 0, count: 8))
    }

    @Test("runs are found by unique id prefix; unknown and ambiguous ids are clear errors", arguments: StoreKind.allCases)
    func runLookup(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let clock = SteppingClock(step: 0) // same second: ids share their time stamp
        let a = try Fixtures.recordFinishedRun(in: fixture.database, clock: clock)
        let b = try Fixtures.recordFinishedRun(in: fixture.database, clock: clock)
        #expect(a != b)
        #expect(try fixture.database.run(id: a).id == a)
        let later = try Fixtures.recordFinishedRun(in: fixture.database, clock: SteppingClock(start: Fixtures.day(5)))
        #expect(later.hasPrefix("r-20261127-"))
        #expect(try fixture.database.run(id: "r-20261127").id == later)
        let ambiguous = storeError { _ = try fixture.database.run(id: "r-20261122") }
        #expect(ambiguous?.code == .ambiguousRunID)
        #expect(ambiguous?.message.contains(a) == true && ambiguous?.message.contains(b) == true)
        #expect(storeError { _ = try fixture.database.run(id: "r-1999") }?.code == .runNotFound)
        #expect(storeError { _ = try fixture.database.events(runID: "nope") }?.code == .runNotFound)
        #expect(storeError { _ = try fixture.database.verify(runID: "nope") }?.code == .runNotFound)
        #expect(storeError { try fixture.database.markInterrupted(runID: "nope") }?.code == .runNotFound)
    }

    @Test("unknown participant roles and reports of another scenario are refused")
    func startAndFinishValidation() throws {
        let database = try AppDatabase.inMemory()
        let error = storeError {
            _ = try database.startRun(
                scenario: Fixtures.scenario(), source: "s", path: "s", interface: .script, speed: nil,
                participants: [.init(role: "oncal", displayName: nil, department: nil)]
            )
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("oncall") == true)
        #expect(try database.history().isEmpty)

        let recorder = try database.startRun(scenario: Fixtures.scenario(), source: "s", path: "s", interface: .script, speed: nil, participants: [])
        let other = Fixtures.scenario(id: "other")
        #expect(storeError { try recorder.finish(report: DrillReport(scenario: other, events: [], mode: .replay)) }?.code == .invalidInput)
    }
}
