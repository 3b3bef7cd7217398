import Foundation
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
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await registry.shutDown()
    }
}
