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
    /// Skip this many of the newest first (a page of the history).
    public var offset: Int

    public init(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil, status: RunStatus? = nil, limit: Int? = nil, offset: Int = 0) {
        self.scenarioID = scenarioID
        self.since = since
        self.until = until
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}
