import FiredrillStore
import GRDB

/// A row of the `event` table: one event of a run's log, linked into the run's hash chain.
struct EventRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event"

    var runID: String
    var seq: Int
    var drillMs: Int64
    var wallTime: String
    var type: String
    /// The ``FiredrillCore/DrillEvent`` as JSON with sorted keys.
    var payload: String
    var prevHash: String
    var hash: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case seq
        case drillMs = "drill_ms"
        case wallTime = "wall_time"
        case type, payload
        case prevHash = "prev_hash"
        case hash
    }

    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let seq = Column(CodingKeys.seq)
    }

    init(runID: String, link: EventChain.Link) {
        self.runID = runID
        self.seq = link.sequence
        self.drillMs = link.drillMs
        self.wallTime = link.wallTime
        self.type = link.type
        self.payload = link.payload
        self.prevHash = link.previousHash
        self.hash = link.hash
    }
}
