import FiredrillCore
import FiredrillRecords
import FiredrillStore
import FiredrillWire
import Foundation

/// A drill held by the server: its session on the clock, its record, and its event hub.
///
/// Every change goes through the session, whose sink commits it to the database before the
/// hub publishes it and before the caller is answered.
actor LiveDrill<C: Clock> where C.Duration == Duration {
    let runID: String
    let scenario: Scenario
    let hub: EventHub
    let createdAt: String
    /// The scenario's roles by id and name, for parsing commands (built once).
    let roleDirectory: RoleDirectory
    private let database: any DrillStore
    private let recorder: any RunRecording
    private let clock: C
    private let metrics: ServerMetrics?
    private(set) var speed: Double
    private var session: DrillSession<C>?
    /// Set while the start is being recorded, so a second start at the same moment is refused.
    private var starting = false
    private var runTask: Task<Void, Never>?
    private var recordFinished: Bool
    /// Held while the drill is being played (started, not finished), so other processes see
    /// it is in progress. Only then: a server with thousands of drills in its database holds
    /// a descriptor for each running one, not for each ever made.
    private var lock: RunLock?
    /// Whether it takes a run lock (one server alone on its database; several servers on one
    /// database are kept apart by the drills' leases instead).
    private let locking: Bool
    /// Set when another server took the drill over: nothing more is done here.
    private var halted = false

    init(
        runID: String, scenario: Scenario, createdAt: String, speed: Double, database: any DrillStore, recorder: any RunRecording,
        hub: EventHub, clock: C, metrics: ServerMetrics?, restored engine: DrillEngine?, recordFinished: Bool, locking: Bool = true
    ) {
        self.locking = locking
        self.runID = runID
        self.scenario = scenario
        self.createdAt = createdAt
        roleDirectory = RoleDirectory(scenario)
        self.speed = speed
        self.database = database
        self.recorder = recorder
        self.hub = hub
        self.clock = clock
        self.metrics = metrics
        self.recordFinished = recordFinished
        if let engine, !engine.isFinished, locking {
            lock = RunLock(databasePath: database.location, runID: runID)
        }
        if let engine {
            let session = DrillSession(
                scenario: scenario, clock: clock, speed: speed, sink: LiveSink(recorder: recorder, hub: hub, metrics: metrics),
                restoring: engine, streamingEvents: false
            )
            self.session = session
        }
    }

    /// Starts the clock of a restored drill (it stands paused until the trainer resumes).
    ///
    /// When the record cannot be written (the database is away), scheduled work is tried
    /// again every second until it can; when another server has taken the drill over, the
    /// clock stops here.
    func launch() {
        guard let session, runTask == nil, !halted else { return }
        runTask = Task { [weak self] in
            while !Task.isCancelled {
                do {
                    try await session.run()
                    break
                } catch let error as StoreError where error.code == .leaseLost || error.code == .outcomeUnknown {
                    // Another server runs it, or the record may hold more than this engine knows:
                    // the drill is taken up again from the record (``DrillRegistry/renewLeases()``).
                    await self?.halt()
                    return
                } catch {
                    guard (try? await Task.sleep(for: .seconds(1))) != nil else { return }
                }
            }
            await self?.sessionEnded()
        }
    }

    /// Whether the drill was stopped here (``halt()``).
    var isHalted: Bool { halted }

    /// Stops everything here: another server runs the drill now, or its record may hold more
    /// than this engine knows. Its record is not touched.
    func halt() {
        halted = true
        runTask?.cancel()
        lock = nil
    }

    /// A drill taken over from a server that stopped: when it was cut off while running (not
    /// paused by the trainer), it goes on by itself, its clock standing still over the gap.
    func resumeAfterTakeover() async throws {
        guard let session else { return }
        let status = await session.status
        guard status.isInterrupted, !status.isFinished else { return }
        try await session.apply(.resume)
    }

    // MARK: State

    struct State: Sendable {
        var status: DrillStatus
        var drillTime: DrillTime
        var speed: Double
    }

    func state() async -> State {
        guard let session else { return State(status: .ready, drillTime: .zero, speed: speed) }
        let status = await session.status
        let drillStatus: DrillStatus = status.isFinished ? .finished : status.isPaused ? (status.isInterrupted ? .interrupted : .paused) : .running
        return State(status: drillStatus, drillTime: status.drillTime, speed: status.speed)
    }

    /// Where the drill stands now (before its start: everything still to come).
    func progress() async -> DrillProgress {
        guard let session else { return DrillProgress(engine: DrillEngine(scenario: scenario), at: .zero) }
        let status = await session.status
        return DrillProgress(engine: await session.snapshot, at: status.drillTime)
    }

    /// The survey questions a player has answered (answers are recorded under its token's label).
    func surveyAnswered(by caller: Caller) async -> [Int] {
        guard case .token(let token) = caller, token.kind == .player, let session else { return [] }
        let unanswered = Set(await session.snapshot.unansweredSurveyQuestions(participant: token.label))
        return scenario.survey.indices.filter { !unanswered.contains($0) }
    }

    /// The engine's full state: events so far and the ledger.
    func engine() async -> DrillEngine? {
        await session?.snapshot
    }

    // MARK: Steering

    /// The speed of the drill clock: before the start it is the drill's setting; once the
    /// drill runs, a change is recorded and takes effect at once (drill time does not jump).
    func setSpeed(_ value: Double) async throws {
        let problems = DrillSpeed.problems(value)
        guard problems.isEmpty else { throw InputError(.invalid, "invalid_speed", problems.joined(separator: "; ")) }
        if let session {
            try await session.changeSpeed(value)
        } else {
            guard !starting else { throw InputError(.conflict, "drill_starting", "the drill is starting; set the speed again in a moment") }
            try database.setSpeed(runID: runID, speed: value)
            speed = value
        }
    }

    func start() async throws {
        guard !halted else { throw Self.movedAway(runID) }
        guard session == nil, !starting else { throw InputError(.conflict, "drill_started", "the drill has already started") }
        starting = true
        defer { starting = false }
        let session = DrillSession(
            scenario: scenario, clock: clock, speed: speed, sink: LiveSink(recorder: recorder, hub: hub, metrics: metrics),
            streamingEvents: false
        )
        if locking { lock = RunLock(databasePath: database.location, runID: runID) }
        try await session.start()
        self.session = session
        launch()
    }

    /// The trainer's steering: pause, resume, end, go to the next inject. The core decides
    /// whether the drill's state allows it.
    func steer(_ input: DrillInput) async throws {
        let session = try started()
        switch input {
        case .pause:
            // Pausing a paused drill changes nothing (a second click); after the end it is refused.
            let status = await session.status
            if status.isPaused && !status.isFinished { return }
            try await session.apply(.pause)
        case .resume: try await session.apply(.resume)
        case .end:
            try await session.apply(.end(.endedByTrainer))
            await finishRecord()
        case .nextInject: try await session.advanceToNextInject()
        default: break
        }
    }

    // MARK: Inputs

    /// Records a player's action; returns its event once committed.
    func perform(_ action: PlayerAction) async throws -> DrillEvent {
        let events = try await started().perform(action)
        guard let event = events.first(where: { if case .action = $0.kind { true } else { false } }) else {
            throw EngineError.finished
        }
        return event
    }

    func deliver(_ inject: AdlibInject) async throws -> DrillEvent {
        let events = try await started().deliver(inject)
        guard let event = events.last(where: { if case .adlibInject = $0.kind { true } else { false } }) else { throw EngineError.finished }
        return event
    }

    func observe(_ observation: Observation) async throws -> DrillEvent {
        let events = try await started().observe(observation)
        guard let event = events.last(where: { if case .observation = $0.kind { true } else { false } }) else { throw EngineError.finished }
        return event
    }

    func adjudicate(_ adjudication: Adjudication) async throws -> DrillEvent {
        let session = try started()
        let events = try await session.adjudicate(adjudication)
        guard let event = events.last(where: { if case .adjudication = $0.kind { true } else { false } }) else { throw EngineError.finished }
        // A decision after the end changes the finished run's result: history and trends read it.
        let engine = await session.snapshot
        if recordFinished, engine.isFinished {
            try? recorder.updateResult(report: DrillReport(scenario: scenario, events: engine.events, mode: .live))
        }
        return event
    }

    func answerSurvey(_ answers: [SurveyAnswer]) async throws -> Int {
        let session = try started()
        await finishRecord()
        // Every answer is checked before any is recorded.
        for answer in answers {
            let problems = answer.problems(in: scenario)
            guard problems.isEmpty else { throw InputError(.invalid, "invalid_answer", problems.joined(separator: "; "), problems: problems) }
        }
        for answer in answers { try await session.answerSurvey(answer) }
        return answers.count
    }

    /// Records a player's quiz answers (all or none), under its token's label and the
    /// department of its first role; returns every answer the player has given.
    func answerQuiz(_ answers: [QuizAnswer]) async throws -> [QuizAnswer] {
        let session = try started()
        await finishRecord()
        try await session.answerQuiz(answers)
        // The stored result counts the quiz per question, for trends.
        let engine = await session.snapshot
        if recordFinished, engine.isFinished {
            try? recorder.updateResult(report: DrillReport(scenario: scenario, events: engine.events, mode: .live))
        }
        guard let participant = answers.first?.participant else { return answers }
        return await session.quizAnswers(participant: participant)
    }

    /// The quiz answers a player has given so far.
    func quizAnswers(by participant: String) async -> [QuizAnswer] {
        guard let session else { return [] }
        return await session.quizAnswers(participant: participant)
    }

    /// Whether the drill has ended (the survey and the quiz are open).
    func hasEnded() async -> Bool {
        guard let session else { return false }
        return await session.snapshot.isFinished
    }

    /// The evaluators' queue: actions to decide on, with their candidate objectives.
    func adjudicationQueue() async -> AdjudicationQueue {
        guard let session else { return AdjudicationQueue(ledger: DrillLedger(scenario: scenario), now: .zero) }
        let engine = await session.snapshot
        return AdjudicationQueue(ledger: engine.ledger, now: await session.currentDrillTime)
    }

    /// When the next scheduled inject is due, for the console's "go to the next inject".
    func nextInjectTime() async -> DrillTime? {
        guard let session else { return scenario.firstScheduledInjectTime }
        return await session.nextInjectTime
    }

    /// Notes the clock in the record now and then, so a drill cut off resumes near where it stopped.
    func checkpoint() async {
        try? await session?.checkpoint()
    }

    /// Records that the server stopped while the drill ran: it stands paused where its
    /// clock stopped until the trainer resumes it after the restart.
    func interruptForShutdown() async {
        guard let session else { return }
        let status = await session.status
        guard !status.isFinished, !status.isPaused else { return }
        try? await session.interrupt(at: status.drillTime)
    }

    // MARK: Internals

    /// The session of a drill that has started (the core's refusal otherwise).
    private func started() throws -> DrillSession<C> {
        guard !halted else { throw Self.movedAway(runID) }
        guard let session else { throw EngineError.notStarted }
        return session
    }

    static func movedAway(_ runID: String) -> StoreError {
        StoreError(.leaseLost, "drill '\(runID)' is run by another server now")
    }

    private func sessionEnded() async {
        await finishRecord()
    }

    /// Closes the record with the report: once, when the drill ends.
    private func finishRecord() async {
        guard !recordFinished, let session else { return }
        let engine = await session.snapshot
        guard engine.isFinished else { return }
        do {
            try recorder.finish(report: DrillReport(scenario: scenario, events: engine.events, mode: .live))
            recordFinished = true
            lock = nil
        } catch let error as StoreError where error.code == .runFinished {
            recordFinished = true
            lock = nil
        } catch {
            // The events are stored; the result is written on the next try (a later request
            // or a restart). Nothing the players did is lost.
        }
    }
}
