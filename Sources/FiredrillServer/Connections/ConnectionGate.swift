import NIOCore
import Prometheus
import Synchronization

/// The server's open connections, so that it never runs out of file descriptors.
///
/// Every connection costs a descriptor. Above ``sheddingAbove`` open connections, each new
/// one closes the oldest connection that has not sent a request yet (a client that opens
/// sockets and sends nothing), so a health check or a participant still gets in. Accepting
/// stops altogether at the hard cap the application sets below the descriptor limit
/// (``limits(descriptorLimit:)``), so the listening socket never meets `EMFILE` and spins.
final class ConnectionGate: Sendable {
    /// Open connections above which silent ones are closed to make room.
    let sheddingAbove: Int
    private let metrics: ServerMetrics?

    private struct Connection {
        let channel: any Channel
        var requested = false
        let order: Int
    }

    private struct State {
        var open: [ObjectIdentifier: Connection] = [:]
        var next = 0
    }

    private let state = Mutex(State())

    init(sheddingAbove: Int, metrics: ServerMetrics? = nil) {
        self.sheddingAbove = sheddingAbove
        self.metrics = metrics
    }

    /// The caps for a process allowed `descriptorLimit` open files: accepting stops at
    /// `accepting` (room is left for the database, its journal, logs and drill locks), and
    /// silent connections are shed above `shedding`.
    static func limits(descriptorLimit: Int) -> (accepting: Int, shedding: Int) {
        // The database pool (a file, its WAL and shared memory per connection), the locks of
        // running drills, logs and the listening socket: a quarter of the limit, 64 to 512.
        let reserve = max(64, min(512, descriptorLimit / 4))
        let accepting = max(16, descriptorLimit - reserve)
        return (accepting, max(8, accepting - max(8, accepting / 16)))
    }

    /// Counts a new connection; closes the oldest silent one when there are too many.
    func opened(_ channel: any Channel) {
        metrics?.connectionsOpen.increment()
        let victim = state.withLock { state -> (any Channel)? in
            state.open[ObjectIdentifier(channel)] = Connection(channel: channel, order: state.next)
            state.next += 1
            guard state.open.count > sheddingAbove else { return nil }
            let silent = state.open.values.filter { !$0.requested && $0.channel !== channel }
            guard let oldest = silent.min(by: { $0.order < $1.order }) else { return nil }
            state.open[ObjectIdentifier(oldest.channel)] = nil
            return oldest.channel
        }
        if let victim {
            metrics?.connectionsShed.increment()
            victim.close(promise: nil)
        }
    }

    /// The connection sent a request: it is no longer a candidate for shedding.
    func requested(_ channel: any Channel) {
        state.withLock { state in state.open[ObjectIdentifier(channel)]?.requested = true }
    }

    func closed(_ channel: any Channel) {
        metrics?.connectionsOpen.decrement()
        state.withLock { state in _ = state.open.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var count: Int { state.withLock { $0.open.count } }
}
