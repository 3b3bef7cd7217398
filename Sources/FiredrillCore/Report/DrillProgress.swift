/// Where a drill stands while it is under way: each objective and inject at drill time
/// `now`, the score so far and the timing metrics. The trainer's and evaluator's board and
/// the committee's view are built from it; ``Visibility/progress(_:for:)`` decides what each
/// audience sees of it.
///
/// It is computed from the engine alone, like the report (whose rules it shares): the score
/// counts only the objectives already decided (met, or missed because their limit passed).
public struct DrillProgress: Sendable, Hashable, Encodable {
    public var drillSeconds: Double
    /// The score over the objectives decided so far (as in the report), or `null`.
    @ExplicitNull public var score: Double?
    /// What keyword matching alone gave, before evaluators' decisions.
    @ExplicitNull public var automaticScore: Double?
    public var coverage: DrillReport.Coverage
    public var objectives: [ObjectiveProgress]
    public var metrics: DrillReport.Metrics
    /// The scenario's injects (the MSEL) with their state, then the ad-lib injects sent; only
    /// for the exercise staff (`null` for observers).
    public var injects: [InjectProgress]?

    public enum ObjectiveStatus: String, Sendable, Hashable, Encodable {
        /// Met (see `on_time` and `credit`).
        case met
        /// Its limit passed (or the drill ran to its end) without it being met.
        case missed
        /// Its clock runs: it can still be met.
        case open
        /// Its clock has not started: its `from` inject has not come yet.
        case waiting
        /// Its `from` inject was skipped: it does not apply.
        case notApplicable = "not-applicable"
        /// The drill ended before it could be judged.
        case notExercised = "not-exercised"
    }

    public struct ObjectiveProgress: Sendable, Hashable, Encodable {
        public var id: String
        @ExplicitNull public var name: String?
        public var kind: ActionKind
        public var weight: Double
        public var status: ObjectiveStatus
        /// Met with full credit.
        public var onTime: Bool
        public var targetSeconds: Double
        public var limitSeconds: Double
        @ExplicitNull public var clockStartSeconds: Double?
        /// The drill time by which full credit is earned, once the clock runs.
        @ExplicitNull public var dueAtSeconds: Double?
        /// The drill time after which no credit is left, once the clock runs.
        @ExplicitNull public var limitAtSeconds: Double?
        @ExplicitNull public var elapsedSeconds: Double?
        @ExplicitNull public var metBy: String?
        @ExplicitNull public var credit: Double?
        @ExplicitNull public var rating: Scoring.Rating?
        @ExplicitNull public var evaluatorRating: Scoring.Rating?
        /// What the team is expected to do (its own `expect`, else its `from` inject's): staff only.
        public var expected: String?
        /// An evaluator decided on an action for it.
        public var adjudicated: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, kind, weight, status, onTime = "on_time", targetSeconds = "target_seconds", limitSeconds = "limit_seconds"
            case clockStartSeconds = "clock_start_seconds", dueAtSeconds = "due_at_seconds", limitAtSeconds = "limit_at_seconds"
            case elapsedSeconds = "elapsed_seconds", metBy = "met_by", credit, rating, evaluatorRating = "evaluator_rating", expected, adjudicated
        }
    }

    public enum InjectStatus: String, Sendable, Hashable, Encodable {
        /// Due at `at_seconds` (an `at` inject, or a `when` inject whose condition has held).
        case scheduled
        /// A `when` inject whose condition has not held yet.
        case waiting
        case delivered
        /// Its `if` guard was false when it was due.
        case skipped
        /// The drill ended before it came.
        case notReached = "not-reached"
    }

    /// How an inject is released, as structure (pages say it in words, with names).
    public struct Trigger: Sendable, Hashable, Encodable {
        /// `at` (a fixed drill time), `when` (a condition, then a delay) or `adlib`.
        public var kind: String
        @ExplicitNull public var atSeconds: Double?
        @ExplicitNull public var delaySeconds: Double?
        @ExplicitNull public var when: Condition?

        public init(kind: String, atSeconds: Double?, delaySeconds: Double?, when: Condition?) {
            self.kind = kind
            self.atSeconds = atSeconds
            self.delaySeconds = delaySeconds
            self.when = when
        }

        enum CodingKeys: String, CodingKey {
            case kind, atSeconds = "at_seconds", delaySeconds = "delay_seconds", when
        }
    }

    public struct InjectProgress: Sendable, Hashable, Encodable {
        public var id: String
        public var status: InjectStatus
        /// When it was delivered or skipped, or when it is due; `null` while waiting.
        @ExplicitNull public var atSeconds: Double?
        /// How it is released.
        public var trigger: Trigger
        /// Its `if` guard: skipped when false at delivery.
        @ExplicitNull public var condition: Condition?
        public var to: [String]
        public var channel: String
        @ExplicitNull public var from: String?
        public var subject: String
        @ExplicitNull public var body: String?
        @ExplicitNull public var expect: String?
        @ExplicitNull public var notes: String?
        public var adlib: Bool

        enum CodingKeys: String, CodingKey {
            case id, status, atSeconds = "at_seconds", trigger, condition = "if", to, channel, from, subject, body, expect, notes, adlib
        }
    }

    enum CodingKeys: String, CodingKey {
        case drillSeconds = "drill_seconds", score, automaticScore = "automatic_score", coverage, objectives, metrics, injects
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(drillSeconds, forKey: .drillSeconds)
        try container.encode(_score, forKey: .score)
        try container.encode(_automaticScore, forKey: .automaticScore)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(objectives, forKey: .objectives)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(injects, forKey: .injects) // `null` for observers
    }

    /// The progress of the drill `engine` runs, at drill time `now` (the session's clock,
    /// which may be ahead of the engine's last event).
    public init(engine: DrillEngine, at now: DrillTime) {
        let scenario = engine.scenario
        let finished = engine.isFinished
        let standing = max(now, engine.now)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .live, standingAt: standing)
        drillSeconds = finished ? (engine.ledger.endTime ?? standing).seconds : standing.seconds
        score = report.score
        automaticScore = report.automaticScore
        coverage = report.coverage
        metrics = report.metrics
        objectives = report.objectives.map { result in
            let status: ObjectiveStatus = switch result.status {
            case .met: .met
            case .missed: .missed
            case .notApplicable: .notApplicable
            case .notExercised where finished: .notExercised
            case .notExercised: result.clockStartSeconds == nil ? .waiting : .open
            }
            return ObjectiveProgress(
                id: result.id, name: result.name, kind: result.kind, weight: result.weight, status: status,
                onTime: result.status == .met && result.credit == 1, targetSeconds: result.targetSeconds,
                limitSeconds: result.limitSeconds, clockStartSeconds: result.clockStartSeconds,
                dueAtSeconds: result.clockStartSeconds.map { $0 + result.targetSeconds },
                limitAtSeconds: result.clockStartSeconds.map { $0 + result.limitSeconds },
                elapsedSeconds: result.elapsedSeconds, metBy: result.metBy, credit: result.credit, rating: result.rating,
                evaluatorRating: result.evaluatorRating, expected: result.expected, adjudicated: result.adjudicated
            )
        }
        let scheduled = engine.scheduledInjects
        let ledger = engine.ledger
        var injects = scenario.injects.map { inject -> InjectProgress in
            let (status, at): (InjectStatus, DrillTime?) =
                if let time = ledger.delivered[inject.id] { (.delivered, time) }
                else if let time = ledger.skipped[inject.id] { (.skipped, time) }
                else if finished { (.notReached, nil) }
                else if let time = scheduled[inject.id] { (.scheduled, time) }
                else if case .at(let time) = inject.trigger { (.scheduled, time) }
                else { (.waiting, nil) }
            let trigger = switch inject.trigger {
            case .at(let time): Trigger(kind: "at", atSeconds: time.seconds, delaySeconds: nil, when: nil)
            case .when(let condition, let delay): Trigger(kind: "when", atSeconds: nil, delaySeconds: delay.seconds, when: condition)
            }
            return InjectProgress(
                id: inject.id, status: status, atSeconds: at?.seconds, trigger: trigger, condition: inject.guardCondition,
                to: Self.recipients(inject.to), channel: inject.channel, from: inject.from, subject: inject.subject, body: inject.body,
                expect: inject.expect, notes: inject.notes, adlib: false
            )
        }
        for event in engine.events {
            guard case .adlibInject(let inject) = event.kind else { continue }
            injects.append(InjectProgress(
                id: inject.id, status: .delivered, atSeconds: event.time.seconds, trigger: Trigger(kind: "adlib", atSeconds: nil, delaySeconds: nil, when: nil), condition: nil,
                to: Self.recipients(inject.to), channel: inject.channel, from: inject.from, subject: inject.subject, body: inject.body,
                expect: nil, notes: nil, adlib: true
            ))
        }
        self.injects = injects
    }

    private static func recipients(_ recipients: Recipients) -> [String] {
        switch recipients {
        case .all: ["all"]
        case .roles(let ids): ids
        }
    }
}
