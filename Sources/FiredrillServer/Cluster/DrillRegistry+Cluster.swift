import FiredrillCore
import FiredrillRecords
import FiredrillStore
import Foundation
import Logging
import Prometheus

/// Where a drill's engine runs.
enum DrillRoute<C: Clock>: Sendable where C.Duration == Duration {
    case here(LiveDrill<C>)
    case elsewhere(DrillLease)
}

/// Several servers on one database: leases, takeovers and following other servers' drills.
extension DrillRegistry {
    /// Where the drill runs: here (taken over now when no server runs it), or on another
    /// server; `nil` when there is no such server drill.
    func route(_ id: String) async throws -> DrillRoute<C>? {
        if let drill = drills[id] { return .here(drill) }
        guard let cluster else { return drill(id).map { .here($0) } }
        if let seen = seenElsewhere[id], seen.until > .now { return .elsewhere(seen.lease) }
        guard id.utf8.count <= 64, !id.contains("\u{0}"), let run = try? database.run(id: id), run.id == id, run.interface == .server else {
            return nil
        }
        switch try cluster.store.claimLease(runID: id, node: cluster.name, address: cluster.address(), duration: cluster.leaseDuration) {
        case .heldElsewhere(let lease):
            seenElsewhere[id] = (lease, .now + .milliseconds(500))
            return .elsewhere(lease)
        case .granted(let lease):
            return .here(try await takeUp(id, lease: lease))
        }
    }

    /// Forgets where a drill was seen running (its server did not answer).
    func forgetElsewhere(_ id: String) {
        seenElsewhere[id] = nil
    }

    /// Takes over the drills no server runs (their server stopped or lost the database).
    func adoptOrphans() async {
        guard let cluster, cluster.addressWhenBound() != nil else { return }
        let orphans: [String]
        do {
            orphans = try cluster.store.orphanedDrills()
        } catch {
            logger.warning("cannot look for drills without a server", metadata: ["error": "\(error)"])
            return
        }
        for id in orphans where drills[id] == nil {
            do {
                guard case .granted(let lease) = try cluster.store.claimLease(
                    runID: id, node: cluster.name, address: cluster.address(), duration: cluster.leaseDuration
                ) else { continue }
                try await takeUp(id, lease: lease)
            } catch {
                logger.error("cannot take a drill over", metadata: ["run": "\(id)", "error": "\(error)"])
            }
        }
    }

    /// Restores a drill whose lease this server was just granted, from the record read now
    /// (after the lease: every write of the earlier holder is in it), and lets it go on.
    @discardableResult
    private func takeUp(_ id: String, lease: DrillLease) async throws -> LiveDrill<C> {
        seenElsewhere[id] = nil
        let drill = try restore(try database.run(id: id), lease: lease)
        metrics?.takeovers.increment()
        metrics?.drillsActive.set(to: Double(drills.count))
        do {
            try await drill.resumeAfterTakeover()
        } catch {
            logger.error("a drill taken over cannot resume", metadata: ["run": "\(id)", "error": "\(error)"])
        }
        logger.info("drill taken over", metadata: ["run": "\(id)", "fence": "\(lease.fence)"])
        return drill
    }

    /// Notes a lease as held here.
    func hold(_ lease: DrillLease) {
        leases[lease.runID] = lease
        metrics?.setOwned(lease.runID, true)
    }

    /// Extends this server's leases; a drill whose lease another server took is given up
    /// here. When the database cannot be reached nothing is given up: nobody else can take a
    /// drill over without it either.
    func renewLeases() async {
        guard let cluster, !leases.isEmpty else { return }
        let fences = leases.mapValues(\.fence)
        let kept: Set<String>
        do {
            kept = try cluster.store.renewLeases(node: cluster.name, fences: fences, duration: cluster.leaseDuration)
        } catch {
            logger.warning("cannot renew the drills' leases", metadata: ["error": "\(error)"])
            return
        }
        for id in fences.keys where !kept.contains(id) { await giveUp(id) }
        // A drill stopped here because its last commit's outcome is unknown: the lease is let go,
        // so that it is taken up again from the record (here or by another server).
        for (id, drill) in drills where leases[id] != nil {
            if await drill.isHalted { await giveUp(id, why: "may be behind its record", release: true) }
        }
    }

    /// Stops a drill here that another server runs now (or is to take up from the record);
    /// its streams here go on, fed from the record.
    ///
    /// With `release`, the lease is let go once the drill has stopped here, so that a server
    /// takes it up again from the record at once.
    func giveUp(_ id: String, why: String = "taken over by another server", release: Bool = false) async {
        let lease = leases.removeValue(forKey: id)
        metrics?.setOwned(id, false)
        guard let drill = drills.removeValue(forKey: id) else { return }
        await drill.halt()
        if release, let lease, let cluster {
            do {
                try cluster.store.releaseLease(lease)
            } catch {
                logger.warning("cannot let a drill's lease go; another server takes the drill up when it expires", metadata: ["run": "\(id)", "error": "\(error)"])
            }
        }
        followed[id] = drill.hub
        catchUp(id)
        metrics?.drillsActive.set(to: Double(drills.count))
        logger.warning("drill \(why); stopped here", metadata: ["run": "\(id)"])
    }

    /// The hub the drill's event streams here read: the drill's own when it runs here, else
    /// one fed from the record.
    func hub(for id: String) async throws -> EventHub? {
        if let drill = drills[id] { return drill.hub }
        if let hub = followed[id] { return hub }
        switch try await route(id) {
        case .here(let drill): return drill.hub
        case nil: return nil
        case .elsewhere:
            if let hub = followed[id] { return hub }
            let run = try database.run(id: id)
            let hub = EventHub(scenario: try StoredReport.scenario(of: run), stored: try database.storedEvents(runID: id), metrics: metrics)
            followed[id] = hub
            return hub
        }
    }

    /// Sends the followed drill's events committed since its hub's last one.
    func catchUp(_ id: String) {
        guard let cluster, let hub = followed[id] else { return }
        do {
            let events = try cluster.store.storedEvents(runID: id, after: hub.lastSequence)
            guard !events.isEmpty else { return }
            hub.publish(events.map(\.event), wallTimes: events.map(\.wallTime))
        } catch {
            logger.warning("cannot read a followed drill's events", metadata: ["run": "\(id)", "error": "\(error)"])
        }
    }

    /// Catches every followed drill up, and stops following those nobody watches here.
    func catchUpAll() {
        for (id, hub) in followed {
            if hub.subscriberCount == 0 {
                followed[id] = nil
            } else {
                catchUp(id)
            }
        }
    }

    /// A token changed on another server (issued, renamed, revoked): this server learns it,
    /// and a revoked token's streams here end.
    func tokenChanged(hash: String) {
        guard let cluster else { return }
        do {
            if hash == "server" {
                for token in try cluster.store.serverTokens() { tokens.learn(token) }
                return
            }
            guard let token = try cluster.store.token(hash: hash) else { return }
            tokens.learn(token)
            if token.isRevoked {
                for drill in drills.values { drill.hub.disconnect(tokenID: token.id) }
                for hub in followed.values { hub.disconnect(tokenID: token.id) }
            }
        } catch {
            logger.warning("cannot read a changed token", metadata: ["error": "\(error)"])
        }
    }

    /// Every token may have changed (the announcements were cut off a while).
    func tokensMayHaveChanged() {
        guard let cluster else { return }
        do {
            for token in try cluster.store.tokens(runID: nil) { tokens.learn(token) }
            for token in try cluster.store.serverTokens() { tokens.learn(token) }
        } catch {
            logger.warning("cannot read the tokens", metadata: ["error": "\(error)"])
        }
    }

    /// The drills this server runs (for `/metrics` and `/healthz`).
    var ownedDrills: [String] { Array(leases.keys).sorted() }
}
