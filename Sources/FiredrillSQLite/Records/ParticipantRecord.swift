import FiredrillCore
import FiredrillStore
import GRDB

/// A row of the `participant` table: a role played in a run, and by whom.
struct ParticipantRecord: Sendable, Hashable, Codable, NamedColumnsRecord {
    static let databaseTableName = "participant"

    var runID: String
    var roleID: String
    var displayName: String?
    var department: String?

    enum Columns {
        static let runID = Column("run_id")
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
