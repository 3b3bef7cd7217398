import FiredrillCore
import FiredrillRecords
import FiredrillStore
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
    private let database: AppDatabase
    private let recorder: RunRecorder
    private let clock: C
    private let metrics: ServerMetrics?
    private(set) var speed: Double
    private var session: DrillSession<C>?
    /// Set while the start is being recorded, so a second start at the same moment is refused.
    private var starting = false
    private var runTask: Task<Void, Never>?
    private var recordFinished: Bool
    private var interrupted: Bool
    /// Held while the drill is being played (started, not finished), so other processes see
    /// it is in progress. Only then: a server with thousands of drills in its database holds
    /// a descriptor for each running one, not for each ever made.
    private var lock: RunLock?

    init(
        runID: String, scenario: Scenario, createdAt: String, speed: Double, database: AppDatabase, recorder: RunRecorder,
        hub: EventHub, clock: C, metrics: ServerMetrics?, restored engine: DrillEngine?, recordFinished: Bool, interrupted: Bool
    ) {
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
        self.interrupted = interrupted
        if let engine, !engine.isFinished {
            lock = RunLock(databasePath: database.path, runID: runID)
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
    func launch() {
        guard let session, runTask == nil else { return }
        runTask = Task { [weak self] in
            try? await session.run()
            await self?.sessionEnded()
        }
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
        let drillStatus: DrillStatus = status.isFinished ? .finished : status.isPaused ? (interrupted ? .interrupted : .paused) : .running
        return State(status: drillStatus, drillTime: status.drillTime, speed: speed)
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

    func setSpeed(_ value: Double) throws {
        guard session == nil, !starting else { throw APIError.conflict("drill_started", "the speed is set before the drill starts") }
        try database.setSpeed(runID: runID, speed: value)
        speed = value
    }

    func start() async throws {
        guard session == nil, !starting else { throw APIError.conflict("drill_started", "the drill has already started") }
        starting = true
        defer { starting = false }
        let session = DrillSession(
            scenario: scenario, clock: clock, speed: speed, sink: LiveSink(recorder: recorder, hub: hub, metrics: metrics),
            streamingEvents: false
        )
        lock = RunLock(databasePath: database.path, runID: runID)
        try await session.start()
        self.session = session
        launch()
    }

    /// Stops the clock; pausing a paused drill changes nothing.
    func pause() async throws {
        let session = try running("pause")
        guard !(await session.status.isFinished) else { throw APIError.conflict("drill_ended", "the drill has ended") }
        try await session.pause()
    }

    func resume() async throws {
        guard let session else { throw APIError.conflict("drill_not_started", "the drill has not started; start it first") }
        let status = await session.status
        guard !status.isFinished else { throw APIError.conflict("drill_ended", "the drill has ended") }
        try await session.resume()
        interrupted = false
    }

    func end() async throws {
        guard let session else { throw APIError.conflict("drill_not_started", "the drill has not started; start it first") }
        guard !(await session.status.isFinished) else { throw APIError.conflict("drill_ended", "the drill has already ended") }
        try await session.end(reason: .endedByTrainer)
        await finishRecord()
    }

    // MARK: Inputs

    /// Records a player's action; returns its event once committed.
    func perform(_ action: PlayerAction) async throws -> DrillEvent {
        let session = try await acceptingInput()
        do {
            let events = try await session.perform(action)
            guard let event = events.first(where: { if case .action = $0.kind { true } else { false } }) else {
                throw APIError.conflict("drill_ended", "the drill has ended")
            }
            return event
        } catch let error as EngineError {
            throw Self.apiError(error)
        } catch SessionError.paused {
            throw APIError.conflict("drill_paused", "the drill is paused; actions are taken again when it resumes")
        }
    }

    func deliver(_ inject: AdlibInject) async throws -> DrillEvent {
        let session = try await acceptingInput()
        do {
            let events = try await session.deliver(inject)
            guard let event = events.last(where: { if case .adlibInject = $0.kind { true } else { false } }) else {
                throw APIError.conflict("drill_ended", "the drill has ended")
            }
            return event
        } catch let error as EngineError {
            throw Self.apiError(error)
        }
    }

    func observe(_ observation: Observation) async throws -> DrillEvent {
        guard let session else { throw APIError.conflict("drill_not_started", "the drill has not started; observations are recorded from its start on") }
        do {
            let events = try await session.observe(observation)
            guard let event = events.last else { throw APIError.conflict("drill_ended", "the drill has ended") }
            return event
        } catch let error as EngineError {
            throw Self.apiError(error)
        }
    }

    func answerSurvey(_ answers: [SurveyAnswer]) async throws -> Int {
        guard let session, await session.status.isFinished else {
            throw APIError.conflict("drill_not_ended", "the survey opens when the drill has ended")
        }
        await finishRecord()
        for answer in answers {
            let problems = answer.problems(in: scenario)
            guard problems.isEmpty else { throw APIError.invalid("invalid_answer", problems.joined(separator: "; ")) }
        }
        do {
            for answer in answers { try await session.answerSurvey(answer) }
        } catch let error as EngineError {
            throw Self.apiError(error)
        }
        return answers.count
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
        interrupted = true
    }

    // MARK: Internals

    private func running(_ verb: String) throws(APIError) -> DrillSession<C> {
        guard let session else { throw .conflict("drill_not_started", "the drill has not started; start it first, then \(verb) it") }
        return session
    }

    private func acceptingInput() async throws -> DrillSession<C> {
        guard let session else { throw APIError.conflict("drill_not_started", "the drill has not started yet; wait for the trainer to start it") }
        let status = await session.status
        if status.isFinished { throw APIError.conflict("drill_ended", "the drill has ended") }
        if status.isPaused { throw APIError.conflict("drill_paused", "the drill is paused; wait for the trainer to resume it") }
        return session
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

    static func apiError(_ error: EngineError) -> APIError {
        switch error {
        case .notStarted: .conflict("drill_not_started", "the drill has not started yet")
        case .finished: .conflict("drill_ended", "the drill has ended")
        case .paused: .conflict("drill_paused", "the drill is paused; wait for the trainer to resume it")
        case .surveyBeforeEnd: .conflict("drill_not_ended", "the survey opens when the drill has ended")
        case .unknownRole(let role): .invalid("unknown_role", "unknown role '\(role.prefix(40))'")
        case .simulatedRole(let role): .invalid("simulated_role", "role '\(role.prefix(40))' is simulated and cannot act")
        case .invalidInput(let problems): .invalid("invalid_input", problems)
        case .timeWentBackwards, .afterEnd, .inconsistentRecord: .conflict("drill_state", "\(error)")
        }
    }
}
