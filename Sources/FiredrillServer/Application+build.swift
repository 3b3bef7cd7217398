import FiredrillStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds `firedrill serve`: the HTTP API, the event streams and the pages, on one database.
public enum FiredrillServer {
    /// The application, ready to run as a service (`runService()`, or in a `ServiceGroup`).
    ///
    /// Before it listens, it takes up the drills recorded on `database` by an earlier server:
    /// unfinished ones stand paused where they stopped. `onRunning` is told the port it
    /// listens on (useful with port 0).
    public static func application<C: Clock>(
        configuration: ServerConfiguration, database: AppDatabase, clock: C, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol where C.Duration == Duration {
        let metrics = ServerMetrics()
        let tokens = TokenCache(trainerToken: configuration.trainerToken, stored: try database.tokens())
        let registry = DrillRegistry(database: database, clock: clock, tokens: tokens, metrics: metrics, logger: logger)
        let boundPort = BoundPort()
        let parts = ServerParts(
            registry: registry, database: database, tokens: tokens, metrics: metrics, configuration: configuration, boundPort: boundPort
        )
        let router = Router(context: FiredrillRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        if let files = FileServing.middleware(folder: configuration.webRoot) { router.add(middleware: files) }
        OperationsController(parts: parts).addRoutes(to: router)
        WebController(parts: parts).addRoutes(to: router)
        let api = router.group("api/v1").add(middleware: AuthMiddleware(tokens: tokens))
        DrillsController(parts: parts).addRoutes(to: api)
        TokensController(parts: parts).addRoutes(to: api)
        ParticipationController(parts: parts).addRoutes(to: api)
        EventStreamController(parts: parts).addRoutes(to: api)

        let idle = Int64(configuration.idleTimeout.components.seconds)
        var app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(max(1, idle)))),
            // A whole department opening the drill at once must not overflow the queue of new connections.
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "firedrill", backlog: 4_096),
            services: [DrillKeeper(registry: registry, configuration: configuration)],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                boundPort.set(port)
                await onRunning(port)
            },
            logger: logger
        )
        app.beforeServerStarts { await registry.restore() }
        return app
    }
}
