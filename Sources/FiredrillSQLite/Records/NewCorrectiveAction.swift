import FiredrillStore
import GRDB

/// A corrective action before insertion, when it has no id yet.
struct NewCorrectiveAction: Encodable, PersistableRecord {
    static let databaseTableName = CorrectiveAction.databaseTableName

    var runID: String
    var objectiveID: String?
    var issue: String
    var correctiveAction: String
    var capability: Capability
    var responsibleOrg: String
    var responsibleRole: String?
    var startDate: String?
    var dueDate: String?
    var status: CorrectiveAction.Status
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case objectiveID = "objective_id"
        case issue
        case correctiveAction = "corrective_action"
        case capability
        case responsibleOrg = "responsible_org"
        case responsibleRole = "responsible_role"
        case startDate = "start_date"
        case dueDate = "due_date"
        case status
        case createdAt = "created_at"
    }
}
