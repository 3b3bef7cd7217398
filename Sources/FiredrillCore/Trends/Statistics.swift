/// Order statistics for trends. firedrill reports medians and percentiles, not means: a
/// single disastrous drill should not hide how the team usually does.
public enum Statistics {
    /// The median; the mean of the two middle values for an even count. `nil` when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The `p`-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest value
    /// with at least p % of the values at or below it. `nil` when empty.
    public static func percentile(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty, p > 0, p <= 100 else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(1, min(rank, sorted.count)) - 1]
    }

    /// A one-line chart of the values in order, from ▁ (lowest) to █ (highest), scaled to
    /// `range` when given (e.g. 0…1 for credits), else to the values' own range.
    public static func sparkline(_ values: [Double], range: ClosedRange<Double>? = nil) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        guard let low = range?.lowerBound ?? values.min(), let high = range?.upperBound ?? values.max() else { return "" }
        return String(values.map { value in
            guard high > low else { return bars[bars.count / 2] }
            let position = (min(max(value, low), high) - low) / (high - low)
            return bars[Int((position * Double(bars.count - 1)).rounded())]
        })
    }
}
