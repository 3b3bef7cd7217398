import Foundation

/// Which runs ``AppDatabase/history(filter:)`` lists.
public struct HistoryFilter: Sendable, Hashable {
    public var scenarioID: String?
    /// Runs started at or after this instant.
    public var since: Date?
    /// Runs started before this instant.
    public var until: Date?
    public var status: RunStatus?
    /// At most this many runs, the newest.
    public var limit: Int?

    public init(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil, status: RunStatus? = nil, limit: Int? = nil) {
        self.scenarioID = scenarioID
        self.since = since
        self.until = until
        self.status = status
        self.limit = limit
    }
}
