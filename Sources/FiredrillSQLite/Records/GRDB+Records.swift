import FiredrillCore
import FiredrillStore
import GRDB

// The store's records as rows of this backend's tables. The types are the store interface's
// (FiredrillStore); how they map to SQLite stays here.

/// How this backend names a record's columns: the property's name in snake_case, an acronym
/// in small letters like any word (`scenarioSHA256` is `scenario_sha256`, `runID` is
/// `run_id`). GRDB's own `convertFromSnakeCase` would read those as `scenarioSha256` and
/// `runId`, so reading maps the acronyms back.
enum ColumnNaming {
    /// The words Swift writes in capitals within a name.
    static let acronyms: Set<Substring> = ["id", "sha256"]

    static let encoding = DatabaseColumnEncodingStrategy.convertToSnakeCase
    static let decoding = DatabaseColumnDecodingStrategy.custom { column in Key(stringValue: property(column)) }

    /// `scenario_sha256` → `scenarioSHA256`, `ack_ms` → `ackMs`, `id` → `id`.
    static func property(_ column: String) -> String {
        let words = column.split(separator: "_")
        guard let first = words.first else { return column }
        return words.dropFirst().reduce(String(first)) { name, word in
            name + (acronyms.contains(word) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst())
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A record of this backend's own whose columns are named by ``ColumnNaming``. (The store
/// interface's public types state the two strategies themselves: a public conformance cannot
/// take them from an internal protocol.)
protocol NamedColumnsRecord: FetchableRecord, PersistableRecord {}

extension NamedColumnsRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { ColumnNaming.decoding }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { ColumnNaming.encoding }
}

extension StoredRun: FetchableRecord, PersistableRecord, TableRecord {
    public static let databaseTableName = "run"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding

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
