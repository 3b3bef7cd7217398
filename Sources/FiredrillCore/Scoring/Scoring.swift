/// The scoring rules: credit by elapsed time, HSEEP ratings, and the weighted score.
public enum Scoring {
    /// Credit for meeting an objective `elapsed` after its clock started:
    /// 1 up to `target`, falling linearly to 0 at `limit`.
    public static func credit(elapsed: DrillTime, target: DrillTime, limit: DrillTime) -> Double {
        if elapsed <= target { return 1 }
        if elapsed >= limit { return 0 }
        return Double(limit.milliseconds - elapsed.milliseconds) / Double(limit.milliseconds - target.milliseconds)
    }

    /// The HSEEP rating for a credit.
    public static func rating(for credit: Double) -> Rating {
        if credit >= 1 { return .performed }
        if credit >= 0.5 { return .someChallenges }
        if credit > 0 { return .majorChallenges }
        return .unable
    }

    /// 100 × Σ(weight × credit) / Σ weight over the scored objectives, rounded to one
    /// decimal; `nil` when no objective carries weight.
    public static func score(_ scored: [(weight: Double, credit: Double)]) -> Double? {
        let totalWeight = scored.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0, totalWeight.isFinite else { return nil }
        let earned = scored.reduce(0) { $0 + $1.weight * $1.credit }
        let score = roundedToOneDecimal(100 * earned / totalWeight)
        // Weights are bounded when a scenario is read; a score outside 0…100 cannot be honest.
        return score.isFinite && (0...100).contains(score) ? score : nil
    }

    static func roundedToOneDecimal(_ value: Double) -> Double {
        (value * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// HSEEP's Performed without challenges / with Some / with Major challenges / Unable to be performed.
    public enum Rating: String, Sendable, Hashable, Codable, CaseIterable {
        case performed = "P"
        case someChallenges = "S"
        case majorChallenges = "M"
        case unable = "U"

        public var meaning: String {
            switch self {
            case .performed: "performed without challenges"
            case .someChallenges: "performed with some challenges"
            case .majorChallenges: "performed with major challenges"
            case .unable: "unable to be performed"
            }
        }
    }
}
