/// A store whose records `firedrill store copy` can read whole and write into another store
/// with their ids and content unchanged, so that a copied run verifies and a copied token
/// still signs in (``StoreCopy``). Both backends conform: SQLite and PostgreSQL have the same
/// tables and columns, and the rows go across as they are stored.
///
/// Writing never replaces anything: a run or record whose key the store holds already is left
/// as it is, and what the store holds under that key is returned instead, for ``StoreCopy`` to
/// compare (the same: skipped; different: an error naming it).
public protocol StoreCopying: DrillStore {
    /// Every run's id, chain head and event count, oldest first (by start, then id).
    func runHeads() throws -> [RunHead]
    /// One run's rows, read in one snapshot: the run, its participants, events, objective
    /// results and quiz results.
    func runCopy(id: String) throws -> RunCopy
    /// Writes `copy` whole in one transaction (all its rows or none), unless the store has a
    /// run with its id already: then nothing is written and that run's head is returned.
    func insertRun(_ copy: RunCopy) throws -> RunHead?
    /// Every record of `kind`, in the order of its key.
    func copiedRecords(_ kind: CopiedRecord.Kind) throws -> [CopiedRecord]
    /// Writes those of `records` whose key the store does not hold, in one transaction, and
    /// returns, for each record, what the store held under its key before (`nil`: written
    /// now). Ids made by the store later continue after the largest id written.
    func insertRecords(_ records: [CopiedRecord]) throws -> [CopiedRecord?]
}

/// Where a stored run's chain ends: enough to tell whether two stores hold the same record
/// of it.
public struct RunHead: Sendable, Hashable {
    public var id: String
    /// The hash of the last event; `nil` before the first.
    public var chainHead: String?
    public var eventCount: Int

    public init(id: String, chainHead: String?, eventCount: Int) {
        self.id = id
        self.chainHead = chainHead
        self.eventCount = eventCount
    }

    /// `head 3f2a9c…, 12 events`, for messages.
    public var summary: String {
        let head = chainHead.map { "chain head \($0.prefix(12))…" } ?? "no chain head"
        return "\(head), \(eventCount) event\(eventCount == 1 ? "" : "s")"
    }
}
