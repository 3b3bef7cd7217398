import FiredrillCore
import FiredrillStore
import GRDB

/// A row of the `participant` table: a role played in a run, and by whom.
struct ParticipantRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "participant"

    var runID: String
    var roleID: String
    var displayName: String?
    var department: String?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case roleID = "role_id"
        case displayName = "display_name"
        case department
    }

    enum Columns {
        static let runID = Column(CodingKeys.runID)
    }

    init(runID: String, participant: Participant) {
        self.runID = runID
        self.roleID = participant.role
        self.displayName = participant.displayName
        self.department = participant.department
    }

    var participant: Participant {
        Participant(role: roleID, displayName: displayName, department: department)
    }
}
