/// Something people put into a drill: the players' actions, the trainer's steering and
/// ad-lib injects, the evaluators' observations and decisions, the participants' survey
/// and quiz answers. The engine derives everything else (deliveries, skips, persona replies, the end
/// at the drill's duration) from the scenario and these.
///
/// Every input reaches the engine through ``DrillEngine/apply(_:at:)``, whichever way it
/// came (a page, the terminal, a replay script, a record being restored), so the same rules
/// hold everywhere.
public enum DrillInput: Sendable, Hashable {
    case action(PlayerAction)
    case adlib(AdlibInject)
    case observation(Observation)
    case adjudication(Adjudication)
    case survey(SurveyAnswer)
    case quiz(QuizAnswer)
    case pause
    case resume
    /// The drill was cut off here (its process stopped); like a pause, it ends with `resume`.
    case interrupt
    case end(DrillEvent.EndReason)
    /// The drill clock runs at this speed from now on (drill time per real time).
    case speed(Double)
    /// The drill clock goes on to the next scheduled inject, skipping a quiet stretch.
    case nextInject

    /// The input an event of a record stands for, or `nil` for events the engine derives.
    public init?(recorded event: DrillEvent) {
        switch event.kind {
        case .action(let action): self = .action(action)
        case .adlibInject(let inject): self = .adlib(inject)
        case .observation(let observation): self = .observation(observation)
        case .adjudication(let adjudication): self = .adjudication(adjudication)
        case .surveyAnswer(let answer): self = .survey(answer)
        case .quizAnswer(let answer): self = .quiz(answer)
        case .paused: self = .pause
        case .resumed: self = .resume
        case .interrupted: self = .interrupt
        case .ended(let reason): self = .end(reason)
        case .speedChanged(let speed): self = .speed(speed)
        case .clockAdvanced: self = .nextInject
        case .started, .injectDelivered, .injectSkipped, .personaReply: return nil
        }
    }
}

/// How fast a drill clock may run: drill time per real time.
public enum DrillSpeed {
    /// From one drill minute in 100 real ones to 100,000 times real time.
    public static let range: ClosedRange<Double> = 0.01...100_000

    /// Problems with a speed, as messages; empty when it is allowed.
    public static func problems(_ speed: Double) -> [String] {
        guard speed.isFinite, range.contains(speed) else {
            return ["'speed' must be a number from \(range.lowerBound) to \(Int(range.upperBound)) (1 is real time; 2 plays an hour in 30 minutes)"]
        }
        return []
    }
}
