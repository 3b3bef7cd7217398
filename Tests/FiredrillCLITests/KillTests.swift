import FiredrillCore
import FiredrillTestSupport
import Foundation
import Testing
@testable import FiredrillStore
@testable import FiredrillSQLite

/// Kills a terminal drill with SIGKILL at random points, many times: every action the drill
/// had echoed must be in the database, the chain must verify, and `resume` must continue the
/// drill with its clock where it stopped.
@Suite("Surviving SIGKILL")
struct KillTests {
    static let rounds = 12

    @Test func acknowledgedActionsSurviveAKillAndTheDrillResumes() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<Self.rounds {
            try CLI.exclusive { try killAndResume(round: round, using: &generator) }
        }
    }

    func killAndResume(round: Int, using generator: inout SystemRandomNumberGenerator) throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        let drill = try LiveProcess(["run", CLI.fixture("certificate.yaml"), "--speed", "20", "--db", db, "--out", try CLI.temporaryDirectory().path])
        drill.send("/start")
        #expect(drill.waitFor("Drill started."), "round \(round): \(drill.text)")
        var acknowledged: [String] = []
        let count = Int.random(in: 0...6, using: &generator)
        for step in 0..<count {
            let text = "step-\(round)-\(step)"
            drill.send("do \(text)")
            #expect(drill.waitFor("✓ ops: do \(text)"), "round \(round): \(drill.text)")
            acknowledged.append(text)
        }
        // Sometimes one more action is in flight when the kill comes; it may or may not be stored.
        if Bool.random(using: &generator) { drill.send("say in-flight-\(round)") }
        drill.kill()

        let database = try AppDatabase.open(path: db)
        let run = try #require(try database.history().first, "round \(round): no run recorded")
        let events = try database.events(runID: run.runID)
        let texts = events.compactMap { event -> String? in
            if case .action(let action) = event.kind, action.kind == .action { return action.text }
            return nil
        }
        #expect(texts == acknowledged, "round \(round)")
        #expect(try database.verify(runID: run.runID).isIntact, "round \(round)")
        let stoppedAt = events.last?.time ?? .zero
        try database.close()

        let history = try CLI.run(["history", "--format", "csv", "--db", db])
        #expect(history.stdout.contains(",interrupted,"), "round \(round): \(history.stdout)")

        let resumed = try CLI.run(["resume", run.runID, "--db", db, "--speed", "20", "--out", try CLI.temporaryDirectory().path],
                                  input: "/status\n/resume\ndo after-\(round)\n/end\n")
        #expect(resumed.status == 0, "round \(round): \(resumed.stderr)")
        #expect(resumed.stdout.contains("(paused)"), "round \(round): resumed drills start paused")

        let reopened = try AppDatabase.open(path: db)
        let final = try reopened.events(runID: run.runID)
        #expect(Array(final.prefix(events.count)) == events, "round \(round): the record is only appended to")
        // The interruption is recorded as such, where the clock stopped.
        let interruption = try #require(final.dropFirst(events.count).first { $0.kind == .interrupted })
        #expect(interruption.time >= stoppedAt, "round \(round): the clock continues where it stopped")
        #expect(!final.contains { $0.kind == .paused }, "round \(round): an interruption is not an ordinary pause")
        #expect(final.contains { if case .action(let action) = $0.kind { action.text == "after-\(round)" } else { false } })
        #expect(try reopened.verify(runID: run.runID).isIntact)
        #expect(try reopened.run(id: run.runID).status == .finished)
    }

    @Test func aRunStillBeingPlayedCannotBeResumedElsewhere() throws {
        try CLI.exclusive {
            let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
            let drill = try LiveProcess(["run", CLI.fixture("certificate.yaml"), "--speed", "1", "--db", db, "--out", try CLI.temporaryDirectory().path])
            defer { drill.kill() }
            drill.send("/start")
            #expect(drill.waitFor("Drill started."))
            let database = try AppDatabase.open(path: db)
            let runID = try #require(try database.history().first?.runID)
            let before = try database.events(runID: runID)
            let resumed = try CLI.run(["resume", runID, "--db", db], input: "/end\n")
            #expect(resumed.status != 0)
            #expect(resumed.stderr.contains("is being played by another firedrill process"), "\(resumed.stderr)")
            #expect(try database.events(runID: runID) == before, "nothing was appended")
            #expect(try CLI.run(["history", "--format", "csv", "--db", db]).stdout.contains(",running,"))
        }
    }
}
