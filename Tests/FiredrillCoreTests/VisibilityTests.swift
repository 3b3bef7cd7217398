import Foundation
import Testing
@testable import FiredrillCore

/// Who sees what, case by case.
@Suite("Visibility")
struct VisibilityTests {
    /// ops and sec play; boss is a persona; `secret` goes to sec only and carries trainer notes.
    let scenario: Scenario = {
        var scenario = Fixtures.certificate(extraInjects: [
            Inject(id: "secret", to: .roles(["sec"]), channel: "email", subject: "For sec", body: "Body",
                   trigger: .at(.seconds(30)), expect: "sec forwards it", notes: "play it cool"),
            Inject(id: "skipme", to: .all, channel: "chat", subject: "Never shown", trigger: .at(.seconds(40)), guardCondition: .met("fix")),
        ])
        scenario.survey = [SurveyQuestion("How was it?")]
        return scenario
    }()

    let ops = Audience.player(roles: ["ops"])
    let sec = Audience.player(roles: ["sec"])
    let both = Audience.player(roles: ["ops", "sec"])

    func event(_ kind: DrillEvent.Kind, at seconds: Int64 = 100) -> DrillEvent {
        DrillEvent(sequence: 7, time: .seconds(seconds), kind: kind)
    }

    func sees(_ audience: Audience, _ kind: DrillEvent.Kind) -> Bool {
        Visibility.canSee(event(kind), audience: audience, scenario: scenario)
    }

    @Test func clockChangesReachEveryone() {
        for kind: DrillEvent.Kind in [.started, .paused, .interrupted, .resumed, .ended(.completed)] {
            for audience in [ops, sec, .observer, .evaluator, .trainer] { #expect(sees(audience, kind)) }
        }
    }

    @Test func aPlayerSeesInjectsToItsRolesOnly() {
        #expect(sees(ops, .injectDelivered(inject: "alert")))   // to ops
        #expect(!sees(sec, .injectDelivered(inject: "alert")))
        #expect(sees(sec, .injectDelivered(inject: "secret")))  // to sec
        #expect(!sees(ops, .injectDelivered(inject: "secret")))
        #expect(sees(ops, .injectDelivered(inject: "angry")) && sees(sec, .injectDelivered(inject: "angry"))) // to all
        #expect(sees(.observer, .injectDelivered(inject: "secret")))
    }

    @Test func skippedInjectsObservationsAndSurveyAnswersAreForStaffOnly() {
        let staffOnly: [DrillEvent.Kind] = [
            .injectSkipped(inject: "skipme"),
            .observation(Observation(objective: "ack", rating: .someChallenges, text: "slow", by: "evaluator-1")),
            .surveyAnswer(SurveyAnswer(participant: "p-1", question: 0, score: 4)),
        ]
        for kind in staffOnly {
            #expect(!sees(ops, kind) && !sees(both, kind) && !sees(.observer, kind))
            #expect(sees(.evaluator, kind) && sees(.trainer, kind))
        }
    }

    @Test func trainerNotesReachOnlyTheStaff() throws {
        func view(_ audience: Audience) -> EventView? {
            Visibility.view(of: event(.injectDelivered(inject: "secret")), met: [], wallTime: nil, for: audience, scenario: scenario)
        }
        let player = try #require(view(sec))
        #expect(!player.showsStaffNotes && player.expect == nil && player.notes == nil)
        #expect(player.subject == "For sec" && player.body == "Body")
        let observer = try #require(view(.observer))
        #expect(!observer.showsStaffNotes && observer.expect == nil && observer.notes == nil)
        let evaluator = try #require(view(.evaluator))
        #expect(evaluator.showsStaffNotes && evaluator.expect == "sec forwards it" && evaluator.notes == "play it cool")
        #expect(try #require(view(.trainer)).notes == "play it cool")
    }

    @Test func aPlayerSeesItsOwnActionsAndEscalationsAddressedToItsRoles() {
        let opsAck = DrillEvent.Kind.action(PlayerAction(role: "ops", kind: .acknowledge, text: "seen"))
        #expect(sees(ops, opsAck) && !sees(sec, opsAck) && sees(both, opsAck) && sees(.observer, opsAck))
        // An escalation to a played role is a message its players receive.
        let toSec = DrillEvent.Kind.action(PlayerAction(role: "ops", kind: .escalate, text: "help", target: "sec", channel: "chat"))
        #expect(sees(sec, toSec) && sees(ops, toSec))
        let toBoss = DrillEvent.Kind.action(PlayerAction(role: "ops", kind: .escalate, target: "boss", channel: "phone"))
        #expect(!sees(sec, toBoss))
        // Another role's private traffic stays private.
        let secAction = DrillEvent.Kind.action(PlayerAction(role: "sec", kind: .action, text: "rotate keys"))
        #expect(!sees(ops, secAction))
    }

    @Test func personaRepliesReachTheRoleThatEscalated() {
        let reply = DrillEvent.Kind.personaReply(persona: "boss", to: "ops", text: "Call the vendor.")
        #expect(sees(ops, reply) && !sees(sec, reply) && sees(.observer, reply))
    }

    @Test func adlibInjectsFollowTheirRecipients() {
        let toSec = DrillEvent.Kind.adlibInject(AdlibInject(id: "adlib-1", to: .roles(["sec"]), channel: "chat", from: "CTO", subject: "Status?"))
        #expect(sees(sec, toSec) && !sees(ops, toSec) && sees(.observer, toSec))
        let toAll = DrillEvent.Kind.adlibInject(AdlibInject(id: "adlib-2", to: .all, channel: "chat", subject: "All hands"))
        #expect(sees(ops, toAll) && sees(sec, toAll))
        let toPersona = DrillEvent.Kind.adlibInject(AdlibInject(id: "adlib-3", to: .roles(["boss"]), channel: "chat", subject: "x"))
        #expect(!sees(ops, toPersona))
    }

    @Test func scoringIsShownToObserversAndStaffNeverToPlayers() throws {
        let met = [DrillFeed.Met(objective: "ack", elapsedSeconds: 30, credit: 1)]
        let action = event(.action(PlayerAction(role: "ops", kind: .acknowledge)))
        let player = try #require(Visibility.view(of: action, met: met, wallTime: nil, for: ops, scenario: scenario))
        #expect(player.met == nil)
        for audience in [Audience.observer, .evaluator, .trainer] {
            let view = try #require(Visibility.view(of: action, met: met, wallTime: nil, for: audience, scenario: scenario))
            #expect(view.met == met)
        }
    }

    @Test("the feed computes what each action met, with elapsed time and credit")
    func feedComputesMet() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .acknowledge), at: .seconds(150))
        _ = try engine.perform(PlayerAction(role: "ops", kind: .escalate, target: "boss", channel: "phone"), at: .seconds(600))
        var feed = DrillFeed(scenario: scenario)
        let met = engine.events.map { feed.take($0) }.filter { !$0.isEmpty }
        #expect(met == [
            [DrillFeed.Met(objective: "ack", elapsedSeconds: 90, credit: 1)],
            [DrillFeed.Met(objective: "esc", elapsedSeconds: 600, credit: 0.5)],
        ])
    }

    @Test("the stream message has the contract's keys, nulls written out")
    func viewEncoding() throws {
        let view = try #require(Visibility.view(
            of: event(.injectDelivered(inject: "alert"), at: 60), met: [], wallTime: "2026-11-23T10:00:12.500Z", for: ops, scenario: scenario
        ))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(view), as: UTF8.self)
        #expect(json == #"{"adlib":false,"at_seconds":60,"body":null,"channel":"monitoring","from":null,"inject":"alert","seq":7,"subject":"TLS failures","to":["ops"],"type":"inject-delivered","wall_time":"2026-11-23T10:00:12.500Z"}"#)
    }

    @Test("the live board: players see none of it, observers no schedule and no expectations, the staff all")
    func progressByAudience() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = engine.advance(to: .seconds(45))
        let progress = DrillProgress(engine: engine, at: .seconds(45))
        #expect(Visibility.progress(progress, for: ops) == nil)
        #expect(Visibility.progress(progress, for: both) == nil)
        #expect(Visibility.progress(progress, for: .trainer) == progress)
        #expect(Visibility.progress(progress, for: .evaluator) == progress)
        let observed = try #require(Visibility.progress(progress, for: .observer))
        #expect(observed.injects == nil)
        #expect(observed.objectives.map(\.id) == progress.objectives.map(\.id))
        #expect(observed.objectives.allSatisfy { $0.expected == nil })
        let schedule = try #require(progress.injects)
        #expect(schedule.first { $0.id == "secret" }?.notes == "play it cool")
    }
}

/// The live board's view of a drill under way, state by state.
@Suite("Drill progress")
struct DrillProgressTests {
    @Test("injects: delivered, skipped, scheduled, waiting on a condition, then scheduled once it holds")
    func injectStates() throws {
        var engine = DrillEngine(scenario: Fixtures.certificate(extraInjects: [
            Inject(id: "skipme", to: .all, channel: "chat", subject: "Skipped", trigger: .at(.seconds(40)), guardCondition: .met("fix")),
        ]))
        engine.start()
        _ = engine.advance(to: .seconds(70))
        var progress = DrillProgress(engine: engine, at: .seconds(70))
        func state(_ id: String) -> (DrillProgress.InjectStatus?, Double?) {
            let inject = progress.injects?.first { $0.id == id }
            return (inject?.status, inject?.atSeconds)
        }
        #expect(state("alert") == (.delivered, 60))
        #expect(state("skipme") == (.skipped, 40))
        #expect(state("angry") == (.scheduled, 600))
        #expect(state("follow") == (.waiting, nil))
        #expect(progress.injects?.first { $0.id == "follow" }?.trigger == DrillProgress.Trigger(kind: "when", atSeconds: nil, delaySeconds: 60, when: .met("esc")))
        #expect(progress.injects?.first { $0.id == "angry" }?.condition == .not(.met("esc")))
        _ = try engine.perform(Fixtures.action("ops", .escalate, "cert", to: "boss", via: "phone"), at: .seconds(100))
        progress = DrillProgress(engine: engine, at: .seconds(100))
        #expect(state("follow") == (.scheduled, 160))
        #expect(state("chain") == (.waiting, nil))
        _ = try engine.deliver(AdlibInject(to: .all, channel: "chat", subject: "CTO"), at: .seconds(110))
        progress = DrillProgress(engine: engine, at: .seconds(110))
        #expect(progress.injects?.last?.adlib == true && progress.injects?.last?.trigger.kind == "adlib")
    }

    @Test("objectives: waiting for their inject, open, met on time or late, missed once the limit passed")
    func objectiveStates() throws {
        var engine = DrillEngine(scenario: Fixtures.certificate())
        engine.start()
        _ = engine.advance(to: .seconds(30))
        var progress = DrillProgress(engine: engine, at: .seconds(30))
        func status(_ id: String) -> DrillProgress.ObjectiveStatus? { progress.objectives.first { $0.id == id }?.status }
        #expect(status("ack") == .waiting)  // its clock starts with the alert at 1:00
        #expect(status("esc") == .open)
        #expect(progress.score == nil)
        _ = engine.advance(to: .seconds(100))
        _ = try engine.perform(Fixtures.action("ops", .acknowledge), at: .seconds(100))
        // The session's clock stands at 16:00, the engine's last event earlier: esc's limit (15:00) has passed.
        progress = DrillProgress(engine: engine, at: .seconds(960))
        let ack = try #require(progress.objectives.first { $0.id == "ack" })
        #expect(ack.status == .met && ack.onTime && ack.elapsedSeconds == 40 && ack.dueAtSeconds == 180)
        #expect(status("esc") == .missed)
        #expect(progress.score == 33.3) // ack 1 × 1, esc 0 × 2
        #expect(progress.coverage.objectivesExercised == 2 && !progress.coverage.complete)
        #expect(progress.drillSeconds == 960)
    }
}
