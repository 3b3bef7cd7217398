/// A live drill: the ``DrillEngine`` driven by a clock, with time compression, pause and
/// resume, and players acting concurrently.
///
/// Drill time runs at `speed` × the clock's time and stands still while paused. The session
/// sleeps on its clock until the next scheduled item (or the end of the drill) and is woken
/// early by anything that changes the schedule. Tests use a manual clock; nothing here
/// reads the wall clock.
public actor DrillSession<C: Clock> where C.Duration == Duration {
    public nonisolated let scenario: Scenario
    /// Drill time per real time; the trainer may change it at any time.
    public private(set) var speed: Double
    private let clock: C
    private let sink: (any DrillEventSink)?
    private var engine: DrillEngine

    /// Drill time at ``anchorInstant`` while running; the frozen drill time while paused.
    private var anchorDrillTime: DrillTime
    private var anchorInstant: C.Instant
    private var sleeper: Task<Void, any Error>?
    private var pauseWaiter: CheckedContinuation<Void, Never>?
    private let continuation: AsyncStream<DrillEvent>.Continuation
    /// Actions waiting to be stored together (see ``perform(_:)``).
    private var pendingActions: [(action: PlayerAction, answer: CheckedContinuation<[DrillEvent], any Error>)] = []
    private var committingActions = false

    /// Every event, after it has been handed to the sink, in order (empty unless the
    /// session was made with `streamingEvents`).
    public nonisolated let events: AsyncStream<DrillEvent>

    /// Creates a session. With `restoring`, the drill continues from a recorded engine
    /// (see ``DrillEngine/restoring(_:from:)``) and starts paused. With `streamingEvents`,
    /// ``events`` carries every event: whoever asks for it must read it, as it keeps
    /// every event until read.
    public init(
        scenario: Scenario, clock: C, speed: Double = 1, sink: (any DrillEventSink)? = nil,
        restoring restored: DrillEngine? = nil, streamingEvents: Bool = true
    ) {
        precondition(speed > 0 && speed.isFinite, "speed must be positive")
        self.scenario = scenario
        self.clock = clock
        // A drill taken up again runs at the speed its record last set.
        self.speed = restored?.recordedSpeed ?? speed
        self.sink = sink
        engine = restored ?? DrillEngine(scenario: scenario)
        anchorDrillTime = engine.now
        anchorInstant = clock.now
        (events, continuation) = AsyncStream.makeStream(of: DrillEvent.self, bufferingPolicy: streamingEvents ? .unbounded : .bufferingNewest(0))
    }

    /// A snapshot of the drill for status displays.
    public struct Status: Sendable, Hashable {
        public var drillTime: DrillTime
        public var isStarted: Bool
        public var isPaused: Bool
        /// Paused because the drill was cut off, until someone resumes it.
        public var isInterrupted: Bool
        public var isFinished: Bool
        public var speed: Double
        public var delivered: Int
        public var skipped: Int
        public var objectivesMet: Int
        public var objectives: Int
    }

    public var status: Status {
        Status(
            drillTime: currentDrillTime, isStarted: engine.isStarted, isPaused: engine.isPaused, isInterrupted: engine.isInterrupted,
            isFinished: engine.isFinished, speed: speed,
            delivered: engine.ledger.delivered.count, skipped: engine.ledger.skipped.count,
            objectivesMet: engine.ledger.met.count, objectives: scenario.objectives.count
        )
    }

    /// The engine's full state: its events so far and its ledger.
    public var snapshot: DrillEngine { engine }

    /// The drill time now, by the clock.
    public var currentDrillTime: DrillTime {
        if engine.isFinished { return engine.now }
        if engine.isPaused || !engine.isStarted { return anchorDrillTime }
        let elapsed = anchorInstant.duration(to: clock.now)
        let (seconds, attoseconds) = elapsed.components
        let realMilliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        let drill = anchorDrillTime.milliseconds + Int64((realMilliseconds * speed).rounded(.down))
        return DrillTime(milliseconds: min(max(drill, engine.now.milliseconds), scenario.duration.milliseconds))
    }

    /// Starts the drill clock at drill time 0 and records the start (``run()`` does this
    /// itself when it has not been done).
    public func start() throws {
        guard !engine.isStarted else { return }
        anchorInstant = clock.now
        anchorDrillTime = .zero
        try commit { $0.start() }
        wake()
    }

    /// Runs the drill until it ends. Events stream out of ``events`` as they happen.
    /// A restored session starts paused: call ``resume()`` to continue.
    public func run() async throws {
        defer { continuation.finish() }
        if !engine.isStarted {
            anchorInstant = clock.now
            anchorDrillTime = .zero
            try commit { $0.start() }
        }
        while !engine.isFinished {
            if engine.isPaused {
                await withCheckedContinuation { pauseWaiter = $0 }
                continue
            }
            guard let due = engine.nextDueTime else { break }
            let deadline = instant(for: due)
            let task = Task { [clock] in try await clock.sleep(until: deadline, tolerance: nil) }
            sleeper = task
            let result = await task.result
            sleeper = nil
            guard case .success = result, !engine.isPaused, !engine.isFinished else { continue }
            // The clock reached the deadline: process what was due then.
            let time = max(currentDrillTime, due)
            if time >= scenario.duration {
                try commit { $0.end(at: scenario.duration, reason: .completed) }
            } else {
                try commit { $0.advance(to: time) }
            }
            sink?.scheduledItemsProcessed(lateBy: deadline.duration(to: clock.now))
        }
    }

    /// Records a player action at the current drill time. Returns the action's event once it
    /// is stored (and any events it caused at once, such as an immediate persona reply).
    ///
    /// Actions that arrive together are stored together (group commit): each waits in
    /// ``pendingActions`` until the session takes all that have arrived, applies them in
    /// order and hands their events to the sink as one batch. One write (and, with full
    /// durability, one sync to disk) then serves many players answering at once, and no
    /// action is answered before its batch is stored.
    @discardableResult
    public func perform(_ action: PlayerAction) async throws -> [DrillEvent] {
        guard !engine.isPaused else { throw SessionError.paused }
        return try await withCheckedThrowingContinuation { continuation in
            pendingActions.append((action, continuation))
            guard !committingActions else { return }
            committingActions = true
            Task { self.commitPendingActions() }
        }
    }

    /// Steers the drill: pause, resume, end or cut off now, through the engine's rules (a
    /// pause while paused, a resume while running or anything after the end is refused with
    /// the engine's error). Other inputs have their own methods.
    @discardableResult
    public func apply(_ input: DrillInput) throws -> [DrillEvent] {
        let time = currentDrillTime
        switch input {
        case .pause, .interrupt, .resume, .end:
            let events = try commit { engine throws(EngineError) in try engine.apply(input, at: time) }
            anchorClocks()
            wake()
            return events
        case .action, .adlib, .observation, .adjudication, .survey, .quiz, .speed, .nextInject:
            throw EngineError.invalidInput("this input has its own method")
        }
    }

    /// Stops the drill clock.
    public func pause() throws {
        guard engine.isStarted, !engine.isPaused, !engine.isFinished else { return }
        let time = currentDrillTime
        try commit { $0.pause(at: time) }
        anchorDrillTime = engine.now
        wake()
    }

    /// Starts the drill clock again where it stopped.
    public func resume() throws {
        guard engine.isPaused, !engine.isFinished else { return }
        try commit { $0.resume() }
        anchorClocks()
        wake()
    }

    /// Ends the drill now.
    public func end(reason: DrillEvent.EndReason = .endedByTrainer) throws {
        guard engine.isStarted, !engine.isFinished else { return }
        try commitNow { engine, time in engine.end(at: time, reason: reason) }
    }

    /// Records that the drill had been cut off at the drill time where its record stops,
    /// when a restored drill is taken up again (it stands paused until ``resume()``).
    public func interrupt(at time: DrillTime) throws {
        guard engine.isStarted, !engine.isPaused, !engine.isFinished else { return }
        try commit { $0.interrupt(at: time) }
        anchorDrillTime = engine.now
        wake()
    }

    /// Delivers an ad-lib inject now. Returns its event once stored.
    @discardableResult
    public func deliver(_ inject: AdlibInject) throws -> [DrillEvent] {
        try commitNow { engine, time throws(EngineError) in try engine.deliver(inject, at: time) }
    }

    /// Records an evaluator's observation at the current drill time.
    @discardableResult
    public func observe(_ observation: Observation) throws -> [DrillEvent] {
        try commitNow { engine, time throws(EngineError) in try engine.observe(observation, at: time) }
    }

    /// Records an evaluator's decision on an action and an objective, now.
    @discardableResult
    public func adjudicate(_ adjudication: Adjudication) throws -> [DrillEvent] {
        try commitNow { engine, time throws(EngineError) in try engine.adjudicate(adjudication, at: time) }
    }

    /// Runs the drill clock at `newSpeed` from now on (drill time does not jump).
    @discardableResult
    public func changeSpeed(_ newSpeed: Double) throws -> [DrillEvent] {
        let time = currentDrillTime
        let events = try commit { engine throws(EngineError) in try engine.changeSpeed(newSpeed, at: time) }
        if !engine.isPaused { anchorClocks() }
        speed = newSpeed
        wake()
        return events
    }

    /// Skips to the next scheduled inject: the drill clock jumps there and the inject is sent.
    @discardableResult
    public func advanceToNextInject() throws -> [DrillEvent] {
        let time = currentDrillTime
        let events = try commit { engine throws(EngineError) in try engine.advanceToNextInject(at: time) }
        anchorClocks()
        wake()
        return events
    }

    /// The drill time of the next scheduled inject, if any (for "go to the next inject").
    public var nextInjectTime: DrillTime? {
        engine.nextInjectTime(after: currentDrillTime)
    }

    /// Records a participant's survey answer, after the drill ended.
    @discardableResult
    public func answerSurvey(_ answer: SurveyAnswer) throws -> [DrillEvent] {
        try commit { engine throws(EngineError) in try engine.answerSurvey(answer) }
    }

    /// Records a participant's quiz answers, after the drill ended: all of them or none.
    @discardableResult
    public func answerQuiz(_ answers: [QuizAnswer]) throws -> [DrillEvent] {
        try commit { engine throws(EngineError) in try engine.answerQuiz(answers) }
    }

    /// The quiz answers `participant` has given.
    public func quizAnswers(participant: String) -> [QuizAnswer] {
        engine.quizAnswers(participant: participant)
    }

    /// Tells the sink the current drill time, for resuming after a crash.
    public func checkpoint() throws {
        guard engine.isStarted, !engine.isFinished else { return }
        try sink?.checkpoint(drillTime: currentDrillTime)
    }

    // MARK: Internals

    /// Applies a change to the engine, stores the resulting events, and only then publishes
    /// them. A failing sink leaves the drill as it was: the engine is rebuilt from the events
    /// stored before the change.
    ///
    /// The change is made in place, not on a copy: copying the engine would copy its whole
    /// event log for every action (the engine checks a request before changing anything, so
    /// a refused request changes nothing). Rebuilding costs as much, but only when the
    /// record cannot be written.
    @discardableResult
    private func commit(_ change: (inout DrillEngine) throws(EngineError) -> [DrillEvent]) throws -> [DrillEvent] {
        let stored = engine.events.count
        let events = try change(&engine)
        if !events.isEmpty, let sink {
            do {
                try sink.append(events)
            } catch {
                engine = try DrillEngine.restoring(scenario, from: Array(engine.events.prefix(stored)))
                throw error
            }
        }
        for event in events { continuation.yield(event) }
        return events
    }

    /// Applies a change at the current drill time (see ``commit(_:)``), then wakes the run
    /// loop so that it sees the change.
    @discardableResult
    private func commitNow(_ change: (inout DrillEngine, DrillTime) throws(EngineError) -> [DrillEvent]) throws -> [DrillEvent] {
        let time = currentDrillTime
        let events = try commit { engine throws(EngineError) in try change(&engine, time) }
        wake()
        return events
    }

    /// From now on, drill time runs on from the engine's time at this clock instant.
    private func anchorClocks() {
        anchorDrillTime = engine.now
        anchorInstant = clock.now
    }

    /// Applies every waiting action in the order it arrived and stores their events as one
    /// batch; then answers each action. A refused action is answered with its refusal and
    /// changes nothing; if the batch cannot be stored, every action in it is answered with
    /// that error and the drill stays as it was.
    private func commitPendingActions() {
        let batch = pendingActions
        pendingActions = []
        committingActions = false
        var answers: [Result<[DrillEvent], any Error>] = []
        let time = currentDrillTime
        do {
            let all = try commit { engine throws(EngineError) -> [DrillEvent] in
                var all: [DrillEvent] = []
                for (action, _) in batch {
                    guard !engine.isPaused else {
                        answers.append(.failure(SessionError.paused))
                        continue
                    }
                    do {
                        let events = try engine.perform(action, at: time)
                        all += events
                        answers.append(.success(events))
                    } catch {
                        answers.append(.failure(error))
                    }
                }
                return all
            }
            if !all.isEmpty { wake() }
        } catch {
            for item in batch { item.answer.resume(throwing: error) }
            return
        }
        for (item, answer) in zip(batch, answers) { item.answer.resume(with: answer) }
    }

    private func instant(for drillTime: DrillTime) -> C.Instant {
        let drillMilliseconds = max(0, drillTime.milliseconds - anchorDrillTime.milliseconds)
        let realMilliseconds = (Double(drillMilliseconds) / speed).rounded(.up)
        return anchorInstant.advanced(by: .milliseconds(Int64(min(realMilliseconds, 1e15))))
    }

    private func wake() {
        sleeper?.cancel()
        if let waiter = pauseWaiter {
            pauseWaiter = nil
            waiter.resume()
        }
    }
}

public enum SessionError: Error, Sendable, Hashable, CustomStringConvertible {
    case paused

    public var description: String {
        switch self {
        case .paused: "the drill is paused; actions are not accepted until it resumes"
        }
    }

    /// The refusal as the one error type adapters show and map.
    public var input: InputError {
        switch self {
        case .paused: InputError(.conflict, "drill_paused", "the drill is paused; wait for the trainer to resume it")
        }
    }
}
