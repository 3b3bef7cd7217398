import FiredrillStore
import Foundation
import Logging
import ServiceLifecycle

/// The server's background work, as a service beside the HTTP server: notes running
/// drills' clocks in the record every second (so a drill cut off resumes where it stopped),
/// sends event-stream heartbeats every 15 s, and on graceful shutdown records each running
/// drill as interrupted at its drill time and ends every event stream.
///
/// It holds only what it needs (never the configuration with its trainer token: service
/// lifecycle logs each service's description at debug level).
struct DrillKeeper<C: Clock>: Service, CustomStringConvertible where C.Duration == Duration {
    let registry: DrillRegistry<C>
    let checkpoint: Duration
    let heartbeat: Duration

    var description: String { "DrillKeeper" }

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while (try? await Task.sleep(for: checkpoint)) != nil { await registry.checkpointAll() }
            }
            group.addTask {
                while (try? await Task.sleep(for: heartbeat)) != nil { await registry.heartbeat() }
            }
            if let cluster = registry.cluster {
                group.addTask {
                    while (try? await Task.sleep(for: cluster.renewInterval)) != nil { await registry.renewLeases() }
                }
                group.addTask {
                    repeat { await registry.adoptOrphans() } while (try? await Task.sleep(for: ClusterNode.orphanScanInterval)) != nil
                }
                group.addTask { await Self.follow(cluster, registry: registry) }
                group.addTask {
                    // In case an announcement was missed: the streams here never wait long for an event.
                    while (try? await Task.sleep(for: .seconds(2))) != nil { await registry.catchUpAll() }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await registry.shutDown()
        await registry.cluster?.http.shutdown()
    }

    /// Several servers: follows the other servers' announcements (events committed, tokens
    /// changed) until shutdown; when the connection is lost, listens again and catches up.
    static func follow(_ cluster: ClusterNode, registry: DrillRegistry<C>) async {
        while !Task.isCancelled {
            do {
                for try await (channel, payload) in cluster.store.announcements([StoreChannel.events, StoreChannel.tokens]) {
                    switch (channel, payload) {
                    case (StoreChannel.events, ""): await registry.catchUpAll()
                    case (StoreChannel.events, let runID): await registry.catchUp(runID)
                    case (StoreChannel.tokens, ""): await registry.tokensMayHaveChanged()
                    case (StoreChannel.tokens, let hash): await registry.tokenChanged(hash: hash)
                    default: break
                    }
                }
            } catch {
                registry.logger.warning("lost the announcements of the other servers; listening again", metadata: ["error": "\(error)"])
            }
            guard (try? await Task.sleep(for: .seconds(1))) != nil else { return }
        }
    }
}
