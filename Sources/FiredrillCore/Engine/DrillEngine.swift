import HeapModule

/// The drill's rules as a deterministic state machine over drill time.
///
/// The engine knows nothing of real clocks: callers tell it what drill time it is.
/// ``DrillSession`` drives it on a real (or manual) `Clock`; replay drives it straight
/// from a script, which is the virtual clock.
///
/// ## Ordering at one drill time
///
/// Everything due at the same drill time is processed in a fixed order:
///
/// 1. Scheduled items (deliveries of `at` injects, `when` injects whose delay is over, and
///    persona replies) in the order they were scheduled. `at` injects are scheduled at
///    drill start in file order; `when` injects are scheduled when their condition first
///    holds, several at once in file order; persona replies when the escalation happens.
/// 2. Then player actions, in the order they arrive. A player action at time *t* therefore
///    sees every inject due at *t* already delivered.
/// 3. Anything an event causes at the same time (a `when` inject with no delay, a persona
///    reply with no delay) is processed right after that event, before the next action.
///
/// `if` guards are evaluated at the moment of delivery, after everything before it in this
/// order. The drill ends after everything due at its duration has been processed.
public struct DrillEngine: Sendable {
    public let scenario: Scenario
    public private(set) var ledger: DrillLedger
    public private(set) var events: [DrillEvent] = []
    /// The drill time the engine has processed up to.
    public private(set) var now: DrillTime = .zero
    public private(set) var isStarted = false
    public private(set) var isPaused = false
    /// Paused because the drill was cut off (its process stopped), not by the trainer.
    public private(set) var isInterrupted = false

    private var queue = Heap<ScheduledItem>()
    private var nextSequence = 0
    private var scheduledWhen: Set<Int> = []
    private var adlibCount = 0
    private let injectIndex: [String: Int]
    /// For each atom, the `when` injects (by index) whose condition mentions it.
    private let whenDependents: [Condition.Atom: [Int]]

    public init(scenario: Scenario) {
        self.scenario = scenario
        ledger = DrillLedger(scenario: scenario)
        var index: [String: Int] = [:]
        var dependents: [Condition.Atom: [Int]] = [:]
        for (position, inject) in scenario.injects.enumerated() {
            index[inject.id] = position
            if case .when(let condition, _) = inject.trigger {
                for atom in Set(condition.atoms) { dependents[atom, default: []].append(position) }
            }
        }
        injectIndex = index
        whenDependents = dependents
    }

    public var isFinished: Bool { ledger.endReason != nil }

    /// The drill time of the next thing the engine will do by itself: the next scheduled
    /// item, or the end of the drill. `nil` once finished.
    public var nextDueTime: DrillTime? {
        guard !isFinished else { return nil }
        guard let next = queue.min, next.time <= scenario.duration else { return scenario.duration }
        return next.time
    }

    /// The scenario injects waiting in the schedule, by id, with the drill time each is due
    /// (an `at` inject from the start, a `when` inject once its condition has held).
    public var scheduledInjects: [String: DrillTime] {
        var due: [String: DrillTime] = [:]
        for item in queue.unordered {
            if case .inject(let position) = item.item { due[scenario.injects[position].id] = item.time }
        }
        return due
    }

    // MARK: Driving the drill

    /// Starts the drill at drill time 0.
    @discardableResult
    public mutating func start() -> [DrillEvent] {
        guard !isStarted else { return [] }
        isStarted = true
        let first = events.count
        record(.started, at: .zero)
        for (position, inject) in scenario.injects.enumerated() {
            if case .at(let time) = inject.trigger { schedule(.inject(position), at: time) }
        }
        evaluateWhenInjects(Array(scenario.injects.indices))
        processDue(upTo: .zero)
        return Array(events[first...])
    }

    /// Processes everything due up to `time` (at most the drill's duration).
    @discardableResult
    public mutating func advance(to time: DrillTime) -> [DrillEvent] {
        guard isStarted, !isFinished else { return [] }
        let first = events.count
        processDue(upTo: min(time, scenario.duration))
        return Array(events[first...])
    }

    /// Records a player action at `time`, after everything due up to then.
    public mutating func perform(_ action: PlayerAction, at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        guard isStarted else { throw .notStarted }
        guard !isFinished else { throw .finished }
        guard time >= now else { throw .timeWentBackwards(now: now, requested: time) }
        guard time <= scenario.duration else { throw .afterEnd(duration: scenario.duration) }
        guard !isPaused else { throw .paused }
        guard let role = scenario.role(action.role) else { throw .unknownRole(action.role) }
        guard !role.isSimulated else { throw .simulatedRole(action.role) }
        let problems = action.problems(in: scenario)
        guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
        if let answered = action.inReplyTo, ledger.delivered[answered] == nil, ledger.adlibs[answered] == nil {
            throw .invalidInput("'in_reply_to': '\(answered.prefix(64))' is not an inject delivered in this drill")
        }
        let first = events.count
        processDue(upTo: time)
        let event = record(.action(action), at: time)
        let newlyMet = ledger.apply(event)
        if action.kind == .escalate, let target = action.target, let persona = scenario.role(target)?.persona,
           let reply = persona.reply, persona.accepts(channel: action.channel ?? ActionCommand.defaultChannel) {
            schedule(.personaReply(persona: target, to: action.role, text: reply), at: time + persona.delay)
        }
        reevaluate(after: newlyMet.map { .met($0) })
        processDue(upTo: time)
        return Array(events[first...])
    }

    /// Records that the drill clock stopped at `time`.
    @discardableResult
    public mutating func pause(at time: DrillTime) -> [DrillEvent] {
        stop(at: time, as: .paused)
    }

    /// Records that the drill was cut off and its clock stopped at `time` (the last drill
    /// time known to the record). The drill continues with ``resume()``.
    @discardableResult
    public mutating func interrupt(at time: DrillTime) -> [DrillEvent] {
        stop(at: time, as: .interrupted)
    }

    private mutating func stop(at time: DrillTime, as kind: DrillEvent.Kind) -> [DrillEvent] {
        guard isStarted, !isFinished, !isPaused else { return [] }
        let first = events.count
        processDue(upTo: min(max(time, now), scenario.duration))
        isPaused = true
        isInterrupted = kind == .interrupted
        record(kind, at: now)
        return Array(events[first...])
    }

    /// Records that the drill clock runs again (drill time does not jump).
    @discardableResult
    public mutating func resume() -> [DrillEvent] {
        guard isStarted, !isFinished, isPaused else { return [] }
        isPaused = false
        isInterrupted = false
        return [record(.resumed, at: now)]
    }

    /// Ends the drill at `time` (clamped to the duration), after everything due up to then.
    /// With `.completed`, the drill runs to its full duration first.
    @discardableResult
    public mutating func end(at time: DrillTime, reason: DrillEvent.EndReason) -> [DrillEvent] {
        guard isStarted, !isFinished else { return [] }
        let endTime = reason == .completed ? scenario.duration : min(max(time, now), scenario.duration)
        let first = events.count
        processDue(upTo: endTime)
        now = endTime
        let event = record(.ended(reason), at: endTime)
        ledger.apply(event)
        return Array(events[first...])
    }

    /// The speed of the drill clock the record last set (`nil` before any change: the speed
    /// the drill was made with).
    public var recordedSpeed: Double? {
        for event in events.reversed() { if case .speedChanged(let speed) = event.kind { return speed } }
        return nil
    }

    /// Delivers an ad-lib inject at `time`, after everything due up to then. Its id is
    /// given here: `adlib-1`, `adlib-2`, … The drill must be running.
    public mutating func deliver(_ adlib: AdlibInject, at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        guard isStarted else { throw .notStarted }
        guard !isFinished else { throw .finished }
        guard !isPaused else { throw .paused }
        guard time >= now else { throw .timeWentBackwards(now: now, requested: time) }
        guard time <= scenario.duration else { throw .afterEnd(duration: scenario.duration) }
        let problems = adlib.problems(in: scenario)
        guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
        let first = events.count
        processDue(upTo: time)
        var inject = adlib
        inject.id = "adlib-\(adlibCount + 1)"
        adlibCount += 1
        let event = record(.adlibInject(inject), at: time)
        ledger.apply(event)
        return Array(events[first...])
    }

    /// Records an evaluator's observation: at `time` while the drill runs, at the drill time
    /// where it stands while paused, at the end once it ended (evaluators write up after
    /// the drill too).
    public mutating func observe(_ observation: Observation, at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        guard isStarted else { throw .notStarted }
        let problems = observation.problems(in: scenario)
        guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
        let first = events.count
        if !isFinished && !isPaused {
            guard time >= now else { throw .timeWentBackwards(now: now, requested: time) }
            processDue(upTo: min(time, scenario.duration))
        }
        record(.observation(observation), at: now)
        return Array(events[first...])
    }

    /// Records an evaluator's decision on an action and an objective: at `time` while the
    /// drill runs, where it stands while paused, at the end once it ended. A credit that
    /// meets an objective now may release injects that wait on it.
    public mutating func adjudicate(_ adjudication: Adjudication, at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        guard isStarted else { throw .notStarted }
        let problems = adjudication.problems(in: scenario, events: events)
        guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
        let first = events.count
        if !isFinished && !isPaused {
            guard time >= now else { throw .timeWentBackwards(now: now, requested: time) }
            processDue(upTo: min(time, scenario.duration))
        }
        let event = record(.adjudication(adjudication), at: now)
        let newlyMet = ledger.apply(event)
        if !isFinished {
            reevaluate(after: newlyMet.map { .met($0) })
            if !isPaused { processDue(upTo: now) }
        }
        return Array(events[first...])
    }

    /// Records that the drill clock runs at `speed` from `time` on. The engine runs on drill
    /// time, so nothing else changes here; the record keeps the speed for the report and for
    /// a session taken up again.
    public mutating func changeSpeed(_ speed: Double, at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        guard isStarted else { throw .notStarted }
        guard !isFinished else { throw .finished }
        let problems = DrillSpeed.problems(speed)
        guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
        let first = events.count
        if !isPaused {
            guard time >= now else { throw .timeWentBackwards(now: now, requested: time) }
            processDue(upTo: min(time, scenario.duration))
        }
        record(.speedChanged(speed), at: now)
        return Array(events[first...])
    }

    /// The drill time of the next scenario inject in the schedule after `time`, or `nil`
    /// when none is scheduled (the rest wait on conditions, or have all been delivered).
    public func nextInjectTime(after time: DrillTime) -> DrillTime? {
        queue.unordered.compactMap { item -> DrillTime? in
            if case .inject = item.item, item.time > time, item.time <= scenario.duration { return item.time }
            return nil
        }.min()
    }

    /// Skips a quiet stretch: the drill clock goes from `time` to the next scheduled inject,
    /// which is then delivered (with everything else due by then). Recorded as
    /// `clock-advanced`, so the report shows the jump. The drill must be running.
    public mutating func advanceToNextInject(at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        guard isStarted else { throw .notStarted }
        guard !isFinished else { throw .finished }
        guard !isPaused else { throw .paused }
        guard time >= now else { throw .timeWentBackwards(now: now, requested: time) }
        // Checked before anything changes: what is due by `time` stays in the schedule until
        // processed, and the next inject after it is there already.
        guard let next = nextInjectTime(after: min(time, scenario.duration)) else { throw .noInjectLeft }
        let first = events.count
        processDue(upTo: min(time, scenario.duration))
        let from = now
        now = next
        record(.clockAdvanced(from: from), at: next)
        processDue(upTo: next)
        return Array(events[first...])
    }

    /// Applies any input at drill time `time`: the one way in for replays, restores and sessions.
    @discardableResult
    public mutating func apply(_ input: DrillInput, at time: DrillTime) throws(EngineError) -> [DrillEvent] {
        switch input {
        case .action(let action): return try perform(action, at: time)
        case .adlib(let inject): return try deliver(inject, at: time)
        case .observation(let observation): return try observe(observation, at: time)
        case .adjudication(let adjudication): return try adjudicate(adjudication, at: time)
        case .survey(let answer): return try answerSurvey(answer)
        case .quiz(let answer): return try answerQuiz(answer)
        case .speed(let speed): return try changeSpeed(speed, at: time)
        case .nextInject: return try advanceToNextInject(at: time)
        case .pause:
            guard isStarted else { throw .notStarted }
            guard !isFinished else { throw .finished }
            guard !isPaused else { throw .alreadyPaused }
            return pause(at: time)
        case .interrupt:
            guard isStarted, !isFinished else { throw isStarted ? .finished : .notStarted }
            guard !isPaused else { throw .alreadyPaused }
            return interrupt(at: time)
        case .resume:
            guard isStarted else { throw .notStarted }
            guard !isFinished else { throw .finished }
            guard isPaused else { throw .notPaused }
            var produced = advance(to: time)
            produced += resume()
            return produced
        case .end(let reason):
            guard isStarted else { throw .notStarted }
            guard !isFinished else { throw .finished }
            return end(at: time, reason: reason)
        }
    }

    /// Records a participant's answer to a survey question, after the drill ended.
    public mutating func answerSurvey(_ answer: SurveyAnswer) throws(EngineError) -> [DrillEvent] {
        guard isFinished else { throw .surveyBeforeEnd }
        let problems = answer.problems(in: scenario)
        guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
        return [record(.surveyAnswer(answer), at: now)]
    }

    /// Records a participant's answer to a quiz question, after the drill ended; a
    /// participant answers each question once.
    public mutating func answerQuiz(_ answer: QuizAnswer) throws(EngineError) -> [DrillEvent] {
        try answerQuiz([answer])
    }

    /// Records several answers at once, all or none: every one is checked first.
    public mutating func answerQuiz(_ answers: [QuizAnswer]) throws(EngineError) -> [DrillEvent] {
        guard isFinished else { throw .quizBeforeEnd }
        guard !answers.isEmpty else { throw .invalidInput("give at least one answer") }
        var given: Set<String> = []
        for answer in answers {
            let problems = answer.problems(in: scenario)
            guard problems.isEmpty else { throw .invalidInput(problems.joined(separator: "; ")) }
            guard let participant = answer.participant else { continue }
            if quizAnswers(participant: participant).contains(where: { $0.question == answer.question }) {
                throw .quizAlreadyAnswered(answer.question)
            }
            guard given.insert(participant + "\n" + answer.question).inserted else {
                throw .invalidInput("question '\(answer.question)' is answered twice in one submission")
            }
        }
        return answers.map { record(.quizAnswer($0), at: now) }
    }

    /// The quiz answers `participant` has given, in the order given.
    public func quizAnswers(participant: String) -> [QuizAnswer] {
        events.compactMap { event -> QuizAnswer? in
            if case .quizAnswer(let answer) = event.kind, answer.participant == participant { return answer }
            return nil
        }
    }

    /// The survey questions (0-based) that `participant` has not answered yet.
    public func unansweredSurveyQuestions(participant: String?) -> [Int] {
        let answered = Set(events.compactMap { event -> Int? in
            if case .surveyAnswer(let answer) = event.kind, answer.participant == participant { return answer.question }
            return nil
        })
        return scenario.survey.indices.filter { !answered.contains($0) }
    }

    // MARK: Internals

    private mutating func processDue(upTo time: DrillTime) {
        while let next = queue.min, next.time <= time {
            _ = queue.popMin()
            now = max(now, next.time)
            switch next.item {
            case .inject(let position):
                deliver(position)
            case .personaReply(let persona, let to, let text):
                record(.personaReply(persona: persona, to: to, text: text), at: now)
            }
        }
        now = max(now, time)
    }

    private mutating func deliver(_ position: Int) {
        let inject = scenario.injects[position]
        let passes = inject.guardCondition?.holds(isMet: ledger.isMet, isDelivered: ledger.isDelivered) ?? true
        let event = record(passes ? .injectDelivered(inject: inject.id) : .injectSkipped(inject: inject.id), at: now)
        ledger.apply(event)
        if passes { reevaluate(after: [.delivered(inject.id)]) }
    }

    private mutating func reevaluate(after changes: [Condition.Atom]) {
        guard !changes.isEmpty else { return }
        var candidates: Set<Int> = []
        for atom in changes { candidates.formUnion(whenDependents[atom] ?? []) }
        evaluateWhenInjects(candidates.sorted())
    }

    /// Schedules, in file order, the `when` injects among `positions` whose condition now holds.
    private mutating func evaluateWhenInjects(_ positions: [Int]) {
        for position in positions where !scheduledWhen.contains(position) {
            guard case .when(let condition, let delay) = scenario.injects[position].trigger,
                  condition.holds(isMet: ledger.isMet, isDelivered: ledger.isDelivered)
            else { continue }
            scheduledWhen.insert(position)
            schedule(.inject(position), at: now + delay)
        }
    }

    private mutating func schedule(_ item: ScheduledItem.Item, at time: DrillTime) {
        queue.insert(ScheduledItem(time: time, order: nextSequence, item: item))
        nextSequence += 1
    }

    @discardableResult
    private mutating func record(_ kind: DrillEvent.Kind, at time: DrillTime) -> DrillEvent {
        let event = DrillEvent(sequence: events.count, time: time, kind: kind)
        events.append(event)
        return event
    }
}

/// Something the engine will do at a drill time, ordered by time and then by scheduling order.
struct ScheduledItem: Comparable, Sendable {
    enum Item: Sendable, Hashable {
        case inject(Int)
        case personaReply(persona: String, to: String, text: String)
    }

    var time: DrillTime
    var order: Int
    var item: Item

    static func < (lhs: ScheduledItem, rhs: ScheduledItem) -> Bool {
        (lhs.time, lhs.order) < (rhs.time, rhs.order)
    }

    static func == (lhs: ScheduledItem, rhs: ScheduledItem) -> Bool {
        lhs.time == rhs.time && lhs.order == rhs.order
    }
}

/// Why the engine refused a request.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    case notStarted
    case finished
    case paused
    case timeWentBackwards(now: DrillTime, requested: DrillTime)
    case afterEnd(duration: DrillTime)
    case unknownRole(String)
    case simulatedRole(String)
    case inconsistentRecord(String)
    case surveyBeforeEnd
    case quizBeforeEnd
    /// The participant has answered this quiz question already.
    case quizAlreadyAnswered(String)
    /// A trainer's, evaluator's or participant's input breaks a rule (each problem named).
    case invalidInput(String)
    case alreadyPaused
    case notPaused
    /// "Go to the next inject" when no inject is scheduled any more.
    case noInjectLeft

    public var description: String {
        switch self {
        case .notStarted: "the drill has not started"
        case .finished: "the drill has ended"
        case .paused: "the drill is paused; resume it first"
        case .timeWentBackwards(let now, let requested): "drill time \(requested) is before the current drill time \(now)"
        case .afterEnd(let duration): "the drill ends at \(duration)"
        case .unknownRole(let role): "unknown role '\(role)'"
        case .simulatedRole(let role): "role '\(role)' is simulated by a persona and cannot act"
        case .inconsistentRecord(let detail): "the recorded events do not match the scenario: \(detail)"
        case .surveyBeforeEnd: "the survey is answered after the drill ends"
        case .quizBeforeEnd: "the quiz is answered after the drill ends"
        case .quizAlreadyAnswered(let question): "quiz question '\(question)' is already answered; each question is answered once"
        case .invalidInput(let problems): problems
        case .alreadyPaused: "the drill is already paused"
        case .notPaused: "the drill is not paused"
        case .noInjectLeft: "no inject is scheduled any more: the rest wait on what the team does, or have all been sent"
        }
    }

    /// The refusal as the one error type adapters show and map: its kind (invalid input, or
    /// a drill state that does not allow it now) and a stable code.
    public var input: InputError {
        switch self {
        case .notStarted: InputError(.conflict, "drill_not_started", "the drill has not started yet; wait for the trainer to start it")
        case .finished: InputError(.conflict, "drill_ended", "the drill has ended")
        case .paused: InputError(.conflict, "drill_paused", "the drill is paused; wait for the trainer to resume it")
        case .alreadyPaused: InputError(.conflict, "drill_paused", "the drill is already paused")
        case .notPaused: InputError(.conflict, "drill_not_paused", "the drill is not paused")
        case .surveyBeforeEnd: InputError(.conflict, "drill_not_ended", "the survey opens when the drill has ended")
        case .quizBeforeEnd: InputError(.conflict, "drill_not_ended", "the quiz opens when the drill has ended")
        case .quizAlreadyAnswered: InputError(.conflict, "already_answered", description)
        case .noInjectLeft: InputError(.conflict, "no_inject_left", description)
        case .unknownRole(let role): InputError(.invalid, "unknown_role", "unknown role '\(role.prefix(40))'")
        case .simulatedRole(let role): InputError(.invalid, "simulated_role", "role '\(role.prefix(40))' is simulated and cannot act")
        case .invalidInput(let problems): InputError(.invalid, "invalid_input", problems, problems: problems.split(separator: "; ").map(String.init))
        case .timeWentBackwards, .afterEnd, .inconsistentRecord: InputError(.conflict, "drill_state", description)
        }
    }
}
