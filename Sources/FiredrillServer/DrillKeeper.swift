import Foundation
import ServiceLifecycle

/// The server's background work, as a service beside the HTTP server: notes running
/// drills' clocks in the record every second (so a drill cut off resumes where it stopped),
/// sends event-stream heartbeats every 15 s, and on graceful shutdown records each running
/// drill as interrupted at its drill time and ends every event stream.
struct DrillKeeper<C: Clock>: Service where C.Duration == Duration {
    let registry: DrillRegistry<C>
    let configuration: ServerConfiguration

    func run() async throws {
        let checkpoint = configuration.checkpointInterval
        let heartbeat = configuration.heartbeatInterval
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
