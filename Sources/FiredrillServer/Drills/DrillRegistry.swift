import FiredrillCore
import FiredrillRecords
import FiredrillStore
import FiredrillWire
import Prometheus
import Foundation
import Logging

/// The drills the server holds, by id: made by the trainer, or taken up again after a
/// restart from the database.
///
/// With several servers on one database (``ClusterNode``), the registry holds the drills
/// whose lease this server has (their engines run here), follows the others' events from the
/// record for the event streams opened here, and says where every other drill runs.
actor DrillRegistry<C: Clock> where C.Duration == Duration {
    let database: any DrillStore
    let clock: C
    let tokens: TokenCache
    let metrics: ServerMetrics?
    let logger: Logger
    let cluster: ClusterNode?
    var drills: [String: LiveDrill<C>] = [:]
    /// The leases of the drills held here (several servers on one database).
    var leases: [String: DrillLease] = [:]
    /// Hubs of drills run by another server, fed from the record, for the streams opened here.
    var followed: [String: EventHub] = [:]
    /// Where drills run elsewhere were last seen, for a short while.
    var seenElsewhere: [String: (lease: DrillLease, until: ContinuousClock.Instant)] = [:]

    init(database: any DrillStore, clock: C, tokens: TokenCache, metrics: ServerMetrics?, logger: Logger, cluster: ClusterNode? = nil) {
        self.database = database
        self.clock = clock
        self.tokens = tokens
        self.metrics = metrics
        self.logger = logger
        self.cluster = cluster
    }

    /// The drill with this id: held in memory, or a finished drill of an earlier server
    /// taken up from the record when it is first asked for (for its report and survey).
    func drill(_ id: String) -> LiveDrill<C>? {
        if let drill = drills[id] { return drill }
        guard id.utf8.count <= 64, let run = try? database.run(id: id), run.id == id, run.interface == .server else { return nil }
        do {
            try restore(run)
        } catch {
            logger.error("cannot take up a drill", metadata: ["run": "\(id)", "error": "\(error)"])
        }
        metrics?.drillsActive.set(to: Double(drills.count))
        return drills[id]
    }

    var all: [LiveDrill<C>] { Array(drills.values) }

    /// Records a new drill, ready to start, and issues its tokens: one for an evaluator, one
    /// for an observer, one player token per played role.
    func create(
        scenario: Scenario, source: String, path: String, speed: Double
    ) throws -> (LiveDrill<C>, CreateDrillResponse.Tokens) {
        let participants = scenario.playerRoles.map { Participant(role: $0.id, department: $0.department) }
        let recorder = try database.startRun(
            scenario: scenario, source: source, path: path, interface: .server, speed: speed, participants: participants,
            status: .ready
        )
        let evaluator = try database.makeToken(runID: recorder.runID, kind: .evaluator)
        let observer = try database.makeToken(runID: recorder.runID, kind: .observer)
        var players: [String: String] = [:]
        for role in scenario.playerRoles {
            let made = try database.makeToken(runID: recorder.runID, kind: .player, roles: [role.id])
            tokens.add(made.token)
            players[role.id] = made.secret
        }
        tokens.add(evaluator.token)
        tokens.add(observer.token)
        let run = try database.run(id: recorder.runID)
        let hub = EventHub(scenario: scenario, stored: [], metrics: metrics)
        var writer: any RunRecording = recorder
        if let cluster {
            // The new drill is this server's: every write of it is fenced by its lease.
            guard case .granted(let lease) = try cluster.store.claimLease(
                runID: run.id, node: cluster.name, address: cluster.address(), duration: cluster.leaseDuration
            ) else { throw StoreError(.leaseLost, "drill '\(run.id)' was claimed by another server as it was made") }
            writer = try cluster.store.recorder(appendingTo: run.id, lease: lease, wallClock: { Date() })
            hold(lease)
        }
        let drill = LiveDrill(
            runID: run.id, scenario: scenario, createdAt: run.createdAt, speed: speed, database: database, recorder: writer,
            hub: hub, clock: clock, metrics: metrics, restored: nil, recordFinished: false, locking: cluster == nil
        )
        drills[run.id] = drill
        metrics?.drillsActive.set(to: Double(drills.count))
        logger.info("drill created", metadata: ["run": "\(run.id)", "scenario": "\(scenario.id)"])
        return (drill, CreateDrillResponse.Tokens(evaluator: evaluator.secret, observer: observer.secret, players: players))
    }

    /// Takes up every drill the server was holding when it stopped: each one that had
    /// started is recorded as interrupted where its clock stopped and stands paused until
    /// the trainer resumes it; drills not started are ready again. The most recent finished
    /// drills are held for the trainer's list; older ones are taken up when asked for.
    func restore() async {
        if cluster != nil {
            // Several servers: the drills no server runs are taken over (``adoptOrphans()``);
            // the others are asked for when needed.
            await adoptOrphans()
            return
        }
        let ids: [String]
        do {
            ids = try database.serverRunIDs(finished: false) + database.serverRunIDs(finished: true, limit: Self.finishedHeld)
        } catch {
            logger.error("cannot list the drills to take up", metadata: ["error": "\(error)"])
            return
        }
        for id in ids.reversed() where drills[id] == nil {
            do {
                try restore(try database.run(id: id))
            } catch {
                logger.error("cannot take up a drill", metadata: ["run": "\(id)", "error": "\(error)"])
            }
        }
        metrics?.drillsActive.set(to: Double(drills.count))
    }

    /// How many finished drills a starting server takes up at once.
    static var finishedHeld: Int { 50 }

    /// Takes up a drill from its record: with a lease, as this server's (every write fenced by
    /// it; the hub of streams already following it here is kept).
    @discardableResult
    func restore(_ run: StoredRun, lease: DrillLease? = nil) throws -> LiveDrill<C> {
        let scenario = try StoredReport.scenario(of: run)
        let stored = try database.storedEvents(runID: run.id)
        let recorder: any RunRecording
        switch (lease, cluster) {
        case (let lease?, let cluster?):
            recorder = run.status == .finished
                ? try cluster.store.recorder(appendingTo: run.id, lease: lease, wallClock: { Date() })
                : try cluster.store.recorder(resuming: run.id, lease: lease, wallClock: { Date() })
        default:
            recorder = run.status == .finished ? try database.recorder(appendingTo: run.id) : try database.recorder(resuming: run.id)
        }
        var engine: DrillEngine? = nil
        var events = stored
        if !stored.isEmpty {
            var restored = try DrillEngine.restoring(scenario, from: stored.map(\.event))
            var missing = Array(restored.events.dropFirst(stored.count))
            if !restored.isFinished && !restored.isPaused {
                missing += restored.interrupt(at: max(restored.now, DrillTime(milliseconds: run.checkpointMs)))
            }
            if !missing.isEmpty {
                let wallTimes = try recorder.appendReturningWallTimes(missing)
                events += zip(missing, wallTimes).map { ($0, $1) }
            }
            engine = restored
        } else if run.status != .ready {
            try database.markReady(runID: run.id)
        }
        let hub: EventHub
        if let following = followed.removeValue(forKey: run.id) {
            // The streams open here go on without a gap: the hub gets what it has not seen yet.
            let seen = following.lastSequence ?? -1
            let unseen = events.filter { $0.event.sequence > seen }
            following.publish(unseen.map(\.event), wallTimes: unseen.map(\.wallTime))
            hub = following
        } else {
            hub = EventHub(scenario: scenario, stored: events, metrics: metrics)
        }
        let drill = LiveDrill(
            runID: run.id, scenario: scenario, createdAt: run.createdAt, speed: run.speed ?? 1, database: database,
            recorder: recorder, hub: hub, clock: clock, metrics: metrics, restored: engine,
            recordFinished: run.status == .finished, locking: cluster == nil
        )
        drills[run.id] = drill
        if let lease { hold(lease) }
        Task { await drill.launch() }
        logger.info("drill taken up", metadata: ["run": "\(run.id)", "status": "\(run.status.rawValue)", "events": "\(events.count)"])
        return drill
    }

    /// Keeps every running drill's clock noted in the record.
    func checkpointAll() async {
        for drill in drills.values { await drill.checkpoint() }
    }

    func heartbeat() {
        for drill in drills.values { drill.hub.heartbeat() }
    }

    /// Graceful shutdown: every running drill is recorded as interrupted at its drill time
    /// (a restarted server offers it paused there), and every event stream ends. With several
    /// servers, each drill's lease is given up at once, so another server takes it over (and
    /// resumes it) without waiting for the lease to expire.
    func shutDown() async {
        for (id, drill) in drills {
            await drill.interruptForShutdown()
            await drill.halt()
            if let cluster, let lease = leases[id] {
                do {
                    try cluster.store.releaseLease(lease)
                } catch {
                    logger.warning("cannot give up a drill's lease; another server takes it when it expires", metadata: ["run": "\(id)", "error": "\(error)"])
                }
            }
            drill.hub.close()
        }
        for hub in followed.values { hub.close() }
    }
}
