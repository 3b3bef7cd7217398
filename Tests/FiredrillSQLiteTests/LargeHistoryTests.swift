import FiredrillCore
import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Testing

/// History and trends over a large database (1,000 runs of 200 events, written in bulk).
/// How fast they are is measured by `firedrill bench`, not asserted here.
@Suite("Large history")
struct LargeHistoryTests {
    static let runs = 1_000

    @Test func historyAndTrendsOverManyRuns() throws {
        let directory = try TemporaryDirectory()
        let database = try AppDatabase.open(path: directory.file("big.sqlite"))
        try database.insertSyntheticHistory(runs: Self.runs, eventsPerRun: 200)

        #expect(try database.history().count == Self.runs)
        #expect(try database.history(filter: HistoryFilter(limit: 50)).count == 50)
        #expect(try database.history(filter: HistoryFilter(scenarioID: "scenario-3")).count == Self.runs / 20)
        let points = try database.trendPoints()
        #expect(points.count == Self.runs * 9 / 10)
        #expect(points.first?.credits.count == 3)
        #expect(points.first?.departments == ["Communications", "SRE"])
        #expect(try database.trendPoints(scenarioID: "scenario-3").allSatisfy { $0.scenarioID == "scenario-3" })

        // Recording and verifying one more run still works in the large file.
        let runID = try Fixtures.recordFinishedRun(in: database)
        #expect(try database.verify(runID: runID).isIntact)
    }
}
