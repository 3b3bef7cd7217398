/// The outcome of checking a run's hash chain.
public enum ChainVerification: Sendable, Hashable, CustomStringConvertible {
    /// Every event links to the one before it, every hash matches its event, and the run's
    /// chain head and event count match the log. `head` is the genesis hash when there is
    /// no event.
    case intact(head: String, events: Int)
    /// The first place where the record does not hold, and why: an event altered (hash
    /// mismatch), events deleted or inserted (sequence gap, broken link, count different
    /// from the run's), or the run's chain head missing or altered.
    case broken(firstBadSequence: Int, reason: String)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .intact(let head, let events): "intact: \(events) events, head \(head)"
        case .broken(let sequence, let reason): "broken at event \(sequence): \(reason)"
        }
    }
}
