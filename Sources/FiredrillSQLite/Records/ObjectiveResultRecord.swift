import FiredrillCore
import FiredrillStore
import GRDB

/// A row of the `objective_result` table: how a finished run did on one objective
/// (``FiredrillStore/RunResult/Objective``).
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

    init(runID: String, result: RunResult.Objective) {
        self.runID = runID
        self.objectiveID = result.objectiveID
        self.kind = result.kind
        self.weight = result.weight
        self.status = result.status
        self.elapsedMs = result.elapsedMs
        self.credit = result.credit
        self.rating = result.rating
        self.metBy = result.metBy
    }

    var result: RunResult.Objective {
        RunResult.Objective(
            objectiveID: objectiveID, kind: kind, weight: weight, status: status, elapsedMs: elapsedMs, credit: credit,
            rating: rating, metBy: metBy
        )
    }
}
