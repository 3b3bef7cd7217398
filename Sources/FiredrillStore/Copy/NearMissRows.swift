/// A row of the near-miss register as stored (`near_miss`), tags as their stored text, for
/// copying it byte for byte.
public struct NearMissRow: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var whatHappened: String
    /// One tag a line (``StoredNearMiss/storedTags(_:)``).
    public var tags: String
    public var impact: Int
    /// `yyyy-MM-dd`.
    public var occurredOn: String
    /// `nil` for an anonymous report.
    public var name: String?
    /// `yyyy-MM-dd`.
    public var reportedOn: String

    public init(id: Int64, title: String, whatHappened: String, tags: String, impact: Int, occurredOn: String, name: String?, reportedOn: String) {
        self.id = id
        self.title = title
        self.whatHappened = whatHappened
        self.tags = tags
        self.impact = impact
        self.occurredOn = occurredOn
        self.name = name
        self.reportedOn = reportedOn
    }
}

/// A month's most valuable near miss as stored (`near_miss_pick`).
public struct NearMissPick: Sendable, Hashable {
    /// `yyyy-MM`.
    public var month: String
    public var nearMissID: Int64
    /// When it was picked (``Timestamp``).
    public var pickedAt: String

    public init(month: String, nearMissID: Int64, pickedAt: String) {
        self.month = month
        self.nearMissID = nearMissID
        self.pickedAt = pickedAt
    }
}
