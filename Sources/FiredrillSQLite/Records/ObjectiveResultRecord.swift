import FiredrillCore
import FiredrillStore
import GRDB

/// A row of the `objective_result` table: how a finished run did on one objective.
struct ObjectiveResultRecord: Sendable, Hashable, Codable, NamedColumnsRecord {
    static let databaseTableName = "objective_result"

    var runID: String
    var objectiveID: String
    var kind: String
    var weight: Double
    var status: String
    var elapsedMs: Int64?
    var credit: Double?
    var rating: String?
    /// The role whose action met the objective.
    var metBy: String?

    enum Columns {
        static let runID = Column("run_id")
        static let objectiveID = Column("objective_id")
    }

    init(runID: String, result: DrillReport.ObjectiveResult) {
        self.runID = runID
        self.objectiveID = result.id
        self.kind = result.kind.rawValue
        self.weight = result.weight
        self.status = result.status.rawValue
        self.elapsedMs = result.elapsedSeconds.map(milliseconds(_:))
        self.credit = result.credit
        self.rating = result.rating?.rawValue
        self.metBy = result.metBy
    }
}

/// Whole milliseconds of a report's seconds.
func milliseconds(_ seconds: Double) -> Int64 {
    Int64((seconds * 1000).rounded())
}
