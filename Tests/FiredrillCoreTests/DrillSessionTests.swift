import Synchronization
import Testing
@testable import FiredrillCore

/// The live session on a manual clock. Every step waits for the session to go to sleep
/// before moving the clock, so nothing depends on real time.
@Suite("DrillSession")
struct DrillSessionTests {
    typealias F = Fixtures

    /// Starts a session and waits until it sleeps for the first time.
    func started(speed: Double, sink: (any DrillEventSink)? = nil) async -> (DrillSession<ManualClock>, ManualClock, Task<Void, any Error>) {
        let clock = ManualClock()
        let session = DrillSession(scenario: F.certificate(), clock: clock, speed: speed, sink: sink)
        let run = Task { try await session.run() }
        await clock.waitForSleepers()
        return (session, clock, run)
    }

    @Test func compressesTimeBySpeed() async throws {
        let (session, clock, run) = await started(speed: 60)
        // The alert is due at drill 1:00, one real second at 60×.
        #expect(clock.nextDeadline == .seconds(1))
        clock.advance(by: .milliseconds(999))
        #expect(await session.snapshot.trace == ["0:00 started"])
        clock.advance(by: .milliseconds(1))
        await clock.waitForSleepers()
        #expect(await session.snapshot.trace == ["0:00 started", "1:00 inject-delivered alert"])
        // Next: angry at 10:00, nine real seconds later.
        #expect(clock.nextDeadline == .seconds(10))
        run.cancel()
    }

    @Test func actionsAreStampedWithTheDrillClock() async throws {
        let (session, clock, run) = await started(speed: 60)
        clock.advance(by: .milliseconds(1500)) // drill 1:30; the alert (1:00) is due
        await clock.waitForSleepers()
        try await session.perform(F.action("ops", .acknowledge, "seen"))
        let trace = await session.snapshot.trace
        #expect(trace == ["0:00 started", "1:00 inject-delivered alert", "1:30 action ops ack seen"])
        run.cancel()
    }

    @Test func anActionThatSchedulesSomethingSoonerWakesTheSession() async throws {
        let (session, clock, run) = await started(speed: 1)
        clock.advance(by: .seconds(60))
        await clock.waitForSleepers()
        #expect(clock.nextDeadline == .seconds(600)) // angry at 10:00
        clock.advance(by: .seconds(180)) // 4:00, nothing due
        try await session.perform(F.action("ops", .escalate, to: "boss", via: "phone"))
        await clock.waitForSleepers()
        // follow is now due at 5:00, before angry.
        #expect(clock.nextDeadline == .seconds(300))
        clock.advanceToNextDeadline()
        await clock.waitForSleepers()
        #expect(clock.nextDeadline == .seconds(360)) // the persona's reply at 6:00
        clock.advanceToNextDeadline()
        await clock.waitForSleepers()
        #expect(Array(await session.snapshot.trace.suffix(4)) == [
            "4:00 action ops escalate boss via phone",
            "5:00 inject-delivered follow", "5:00 inject-delivered chain", "6:00 persona-reply boss->ops",
        ])
        run.cancel()
    }

    @Test func pauseStopsTheDrillClockAndResumeContinuesWhereItStopped() async throws {
        let (session, clock, run) = await started(speed: 60)
        clock.advance(by: .seconds(2)) // drill 2:00
        await clock.waitForSleepers()
        try await session.pause()
        #expect(clock.sleeperCount == 0)
        clock.advance(by: .seconds(3600)) // an hour of real time passes while paused
        #expect(await session.currentDrillTime == .seconds(120))
        await #expect(throws: SessionError.paused) { try await session.perform(F.action("ops", .acknowledge)) }
        try await session.resume()
        await clock.waitForSleepers()
        // angry (10:00) is 8 drill minutes away: 8 real seconds at 60×, counted from the resume.
        #expect(clock.nextDeadline == .seconds(3602 + 8))
        clock.advanceToNextDeadline()
        await clock.waitForSleepers()
        #expect(await session.snapshot.trace == [
            "0:00 started", "1:00 inject-delivered alert", "2:00 paused", "2:00 resumed", "10:00 inject-delivered angry",
        ])
        run.cancel()
    }

    @Test func runsToTheEndOfTheDrillAndFinishesTheEventStream() async throws {
        let (session, clock, run) = await started(speed: 600)
        let collected = Task { () -> [String] in
            var lines: [String] = []
            for await event in session.events { lines.append(event.traceLine) }
            return lines
        }
        // 1:00, 10:00 and the end at 30:00: three sleeps, then run() returns.
        clock.advanceToNextDeadline()
        await clock.waitForSleepers()
        clock.advanceToNextDeadline()
        await clock.waitForSleepers()
        #expect(clock.nextDeadline == .seconds(3)) // 30:00 / 600
        clock.advanceToNextDeadline()
        try await run.value
        #expect(await collected.value == [
            "0:00 started", "1:00 inject-delivered alert", "10:00 inject-delivered angry", "30:00 ended completed",
        ])
        #expect(await session.status.isFinished)
    }

    @Test func trainerCanEndTheDrillEarly() async throws {
        let (session, clock, run) = await started(speed: 60)
        clock.advance(by: .seconds(3)) // drill 3:00
        await clock.waitForSleepers()
        try await session.end(reason: .endedByTrainer)
        try await run.value
        #expect(await session.snapshot.trace.last == "3:00 ended ended-by-trainer")
    }

    @Test func eventsReachTheSinkBeforeTheyArePublishedAndAFailingSinkChangesNothing() async throws {
        let sink = RecordingSink()
        let (session, clock, run) = await started(speed: 60, sink: sink)
        clock.advance(by: .seconds(1))
        await clock.waitForSleepers()
        #expect(sink.stored.map(\.traceLine) == ["0:00 started", "1:00 inject-delivered alert"])
        sink.failing.withLock { $0 = true }
        await #expect(throws: RecordingSink.Failure.self) { try await session.perform(F.action("ops", .acknowledge)) }
        #expect(await session.snapshot.events.count == 2)
        #expect(await session.snapshot.ledger.met.isEmpty, "the refused action met nothing")
        #expect(await session.snapshot.ledger.firstAction.isEmpty)
        sink.failing.withLock { $0 = false }
        let accepted = try await session.perform(F.action("ops", .acknowledge))
        #expect(accepted.map(\.typeName) == ["action"])
        #expect(accepted.first?.sequence == 2)
        #expect(sink.stored.count == 3)
        #expect(await session.snapshot.ledger.met["ack"] != nil)
        run.cancel()
    }

    @Test("actions that arrive together are stored in one batch; each is answered with its own event, a refused one with its refusal")
    func groupCommit() async throws {
        let sink = RecordingSink()
        let (session, clock, run) = await started(speed: 60, sink: sink)
        clock.advance(by: .seconds(1)) // the alert at 1:00
        await clock.waitForSleepers()
        let batchesBefore = sink.batches.count
        let answers = await withTaskGroup(of: (Int, Result<[DrillEvent], any Error>).self) { group in
            for index in 0..<50 {
                let role = index == 7 ? "boss" : "ops" // boss is simulated: refused
                group.addTask {
                    do { return (index, .success(try await session.perform(F.action(role, .communicate, "update \(index)")))) }
                    catch { return (index, .failure(error)) }
                }
            }
            var answers: [Int: Result<[DrillEvent], any Error>] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
        #expect(answers.count == 50)
        for (index, answer) in answers {
            switch answer {
            case .success(let events):
                #expect(index != 7)
                #expect(events.count == 1 && events[0].traceLine.hasSuffix("say update \(index)"))
                #expect(sink.stored.contains(events[0]), "answered only once stored")
            case .failure(let error):
                #expect(index == 7 && error as? EngineError == .simulatedRole("boss"))
            }
        }
        #expect(sink.stored.filter { $0.typeName == "action" }.count == 49)
        #expect(sink.batches.count - batchesBefore < 49, "actions that arrived together share a write")
        run.cancel()
    }

    @Test func aRestoredSessionStartsPausedAtTheRecordedTime() async throws {
        var engine = DrillEngine(scenario: F.certificate())
        engine.start()
        _ = try engine.perform(F.action("ops", .acknowledge), at: .seconds(90))
        engine.pause(at: .seconds(150))
        let clock = ManualClock()
        let session = DrillSession(scenario: F.certificate(), clock: clock, speed: 60, restoring: engine)
        let run = Task { try await session.run() }
        clock.advance(by: .seconds(100))
        #expect(await session.currentDrillTime == .seconds(150))
        try await session.resume()
        await clock.waitForSleepers()
        #expect(clock.nextDeadline == .milliseconds(107_500)) // angry at 10:00 is 450 drill s later: 7.5 s at 60×
        run.cancel()
    }
}

/// A sink that keeps events in memory and can be told to fail.
final class RecordingSink: DrillEventSink {
    struct Failure: Error {}
    let storage = Mutex<[[DrillEvent]]>([])
    let failing = Mutex(false)

    var stored: [DrillEvent] { storage.withLock { $0.flatMap { $0 } } }
    /// The batches appended, in order.
    var batches: [[DrillEvent]] { storage.withLock { $0 } }

    func append(_ events: [DrillEvent]) throws {
        if failing.withLock({ $0 }) { throw Failure() }
        storage.withLock { $0.append(events) }
    }
}
