/// Where a live drill's events go before anyone sees them: the durable record.
///
/// ``DrillSession`` hands every batch of events to its sink and publishes them only after
/// `append` returns, so an action is acknowledged to the player only once it is stored.
/// `append` is synchronous on purpose: the session's state must not change while a batch
/// is being written.
public protocol DrillEventSink: Sendable {
    func append(_ events: [DrillEvent]) throws
    /// Called now and then with the current drill time while nothing else happens, so that a
    /// drill cut off between events can resume close to where its clock stopped.
    func checkpoint(drillTime: DrillTime) throws
    /// Told, after the session woke for scheduled items (injects, persona replies), how late
    /// after their due time it processed them, for delivery-lateness figures.
    func scheduledItemsProcessed(lateBy lateness: Duration)
}

extension DrillEventSink {
    public func checkpoint(drillTime: DrillTime) throws {}
    public func scheduledItemsProcessed(lateBy lateness: Duration) {}
}
