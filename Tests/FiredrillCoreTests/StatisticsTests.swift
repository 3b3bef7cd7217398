import Testing
@testable import FiredrillCore

@Suite("Statistics")
struct StatisticsTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == nil)
    }

    @Test func ninetiethPercentileByNearestRank() {
        let values = (1...10).map(Double.init)
        #expect(Statistics.percentile(90, of: values) == 9)   // rank ⌈0.9 × 10⌉ = 9
        #expect(Statistics.percentile(90, of: values + [11]) == 10) // rank ⌈9.9⌉ = 10
        #expect(Statistics.percentile(90, of: [7]) == 7)
        #expect(Statistics.percentile(50, of: [3, 1, 2, 4]) == 2)
        #expect(Statistics.percentile(90, of: []) == nil)
    }

    @Test func sparklineScalesToTheGivenRange() {
        #expect(Statistics.sparkline([0, 0.5, 1], range: 0...1) == "▁▅█")
        #expect(Statistics.sparkline([70, 31.3, 70], range: 0...100) == "▆▃▆")
        #expect(Statistics.sparkline([2, 4, 6]) == "▁▅█")
        #expect(Statistics.sparkline([3, 3]) == "▅▅")
        #expect(Statistics.sparkline([]) == "")
    }
}
