import FiredrillCore
import Foundation

/// Which server holds a drill's engine, until when, and under which fencing token.
///
/// Several `firedrill serve` nodes on one database hold each running drill on exactly one of
/// them: the node whose lease it is. The lease ends unless renewed; another node may then
/// take it, which raises the fencing token. Every write of the drill's record checks the token
/// in the same transaction, so a node that lost the lease (frozen, cut off) and wakes up
/// writes nothing.
public struct DrillLease: Sendable, Hashable, CustomStringConvertible {
    public var runID: String
    /// The node holding it (its name, unique per running process).
    public var node: String
    /// Where the other nodes send the drill's inputs (`http://HOST:PORT`).
    public var address: String
    /// Raised at each change of holder.
    public var fence: Int64
    /// Whether it had not expired when read (by the database's clock, the same for every node).
    public var isLive: Bool

    public init(runID: String, node: String, address: String, fence: Int64, isLive: Bool) {
        self.runID = runID
        self.node = node
        self.address = address
        self.fence = fence
        self.isLive = isLive
    }

    public var description: String { "\(runID) held by \(node) (\(address)), fence \(fence)\(isLive ? "" : ", expired")" }
}

/// The answer to a node asking for a drill's lease.
public enum LeaseClaim: Sendable, Hashable {
    /// The node holds it now, with a new fencing token.
    case granted(DrillLease)
    /// Another node holds it and it has not expired.
    case heldElsewhere(DrillLease)
}

/// A store that several servers share: PostgreSQL. (The SQLite file belongs to one process.)
public protocol DrillLeasing: DrillStore {
    /// Takes the drill's lease for `duration` when nobody holds it, when it has expired, or when
    /// `node` holds it (a node that asks again starts anew: the fencing token is raised).
    func claimLease(runID: String, node: String, address: String, duration: Duration) throws -> LeaseClaim

    /// Extends the leases `node` still holds with these fencing tokens; returns the run ids
    /// extended (the others were taken over).
    func renewLeases(node: String, fences: [String: Int64], duration: Duration) throws -> Set<String>

    /// Gives a lease up at once (graceful shutdown), so another node takes the drill without waiting.
    func releaseLease(_ lease: DrillLease) throws

    /// The drill's lease, if any node ever held it.
    func lease(runID: String) throws -> DrillLease?

    /// Server drills that have started, are not finished and whose lease is missing or expired:
    /// the drills no node is running.
    func orphanedDrills() throws -> [String]

    /// A recorder of the drill whose every write first checks, in its own transaction, that
    /// `lease` is still the drill's (else ``StoreError/Code/leaseLost`` and nothing written);
    /// each committed batch of events is announced on ``StoreChannel/events``.
    func recorder(resuming runID: String, lease: DrillLease, wallClock: @escaping @Sendable () -> Date) throws -> any RunRecording

    /// Like ``recorder(resuming:lease:wallClock:)`` without marking the run running (a finished drill).
    func recorder(appendingTo runID: String, lease: DrillLease, wallClock: @escaping @Sendable () -> Date) throws -> any RunRecording

    /// The run's events after sequence number `after` (all with `nil`), in order.
    func storedEvents(runID: String, after: Int?) throws -> [(event: DrillEvent, wallTime: String)]

    /// The token with this hash, revoked or not (a token issued on another node).
    func token(hash: String) throws -> AccessToken?

    /// Announces `payload` on a channel to every node listening (after the current transaction).
    func announce(_ channel: String, _ payload: String) throws

    /// The announcements on `channels`, from a connection of their own, until the task is
    /// cancelled. The sequence ends with an error when the connection is lost: listen again
    /// and catch up from the record.
    func announcements(_ channels: [String]) -> AsyncThrowingStream<(channel: String, payload: String), any Error>
}

/// The channels on which nodes sharing a store announce changes to each other.
public enum StoreChannel {
    /// Committed events (payload: the run id).
    public static let events = "firedrill_events"
    /// Tokens issued, renamed or revoked (payload: the token's hash).
    public static let tokens = "firedrill_tokens"
}
