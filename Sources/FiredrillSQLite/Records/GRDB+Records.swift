import FiredrillCore
import FiredrillStore
import GRDB

// The store's records as rows of this backend's tables. The types are the store interface's
// (FiredrillStore); how they map to SQLite stays here.

extension StoredRun: FetchableRecord, PersistableRecord, TableRecord {
    public static let databaseTableName = "run"

    public enum Columns {
        static let id = Column("id")
        static let status = Column("status")
    }
}

extension CorrectiveAction: FetchableRecord, TableRecord {
    public static let databaseTableName = "corrective_action"

    public enum Columns {
        static let id = Column("id")
        static let runID = Column("run_id")
        static let dueDate = Column("due_date")
        static let status = Column("status")
    }
}

extension AccessToken: FetchableRecord, PersistableRecord, TableRecord {
    public static let databaseTableName = "token"

    public enum Columns {
        static let id = Column("id")
        static let runID = Column("run_id")
        static let kind = Column("kind")
    }
}

// A row of the `event` table: a link of its run's hash chain, beside the run's id.
extension EventChain.Link: FetchableRecord, TableRecord {
    public static let databaseTableName = "event"

    /// The run's events, in sequence order.
    static func ofRun(_ runID: String) -> QueryInterfaceRequest<Self> {
        filter(Column("run_id") == runID).order(Column("seq"))
    }
}

extension RunStatus: DatabaseValueConvertible {}
extension RunInterface: DatabaseValueConvertible {}
extension Capability: DatabaseValueConvertible {}
extension CorrectiveAction.Status: DatabaseValueConvertible {}
extension AccessToken.Kind: DatabaseValueConvertible {}
extension DrillMode: DatabaseValueConvertible {}
