import FiredrillStore
import Foundation
import Hummingbird
import HummingbirdCore
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
        configuration: ServerConfiguration, database: any DrillStore, clock: C, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol where C.Duration == Duration {
        let metrics = ServerMetrics()
        let boundPort = BoundPort()
        // A database that several servers share (PostgreSQL): this server is one of them.
        let cluster = (database as? any DrillLeasing).map { store in
            ClusterNode(
                store: store, name: configuration.nodeName, leaseDuration: configuration.leaseDuration,
                addressWhenBound: { boundPort.value.map { configuration.nodeAddress(boundPort: $0) } }
            )
        }
        var announce: (@Sendable (String) -> Void)? = nil
        var lookup: (@Sendable (String) -> AccessToken?)? = nil
        if let store = cluster?.store {
            announce = { hash in try? store.announce(StoreChannel.tokens, hash) }
            lookup = { hash in (try? store.token(hash: hash)) ?? nil }
        }
        let tokens = TokenCache(
            trainerToken: configuration.trainerToken, stored: try database.tokens(), server: try database.serverTokens(),
            announce: announce, lookup: lookup
        )
        let registry = DrillRegistry(database: database, clock: clock, tokens: tokens, metrics: metrics, logger: logger, cluster: cluster)
        let parts = ServerParts(
            registry: registry, database: database, tokens: tokens, metrics: metrics, configuration: configuration, boundPort: boundPort,
            reports: ReportShelf(metrics: metrics)
        )
        let router = makeRouter(parts)

        // Connections: the idle timeout, a deadline for request bodies, and caps below the
        // open-file limit (see ConnectionGate).
        let caps = ConnectionGate.limits(descriptorLimit: configuration.descriptorLimit)
        let gate = ConnectionGate(sheddingAbove: caps.shedding, metrics: metrics)
        let idle = TimeAmount.seconds(max(1, configuration.idleTimeout.components.seconds))
        let bodyDeadline = TimeAmount.seconds(max(1, configuration.requestBodyTimeout.components.seconds))
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestWatch(gate: gate, bodyDeadline: bodyDeadline)], idleTimeout: idle
        )
        let server = HTTPServerBuilder { responder in
            GatedHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: http), gate: gate)
        }
        var app = Application(
            router: router,
            server: server,
            // A whole department opening the drill at once must not overflow the queue of new connections.
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "firedrill", backlog: 4_096,
                availableConnectionsDelegate: .maximum(caps.accepting, logger: logger)
            ),
            services: [DrillKeeper(registry: registry, checkpoint: configuration.checkpointInterval, heartbeat: configuration.heartbeatInterval)],
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

    /// The routes and middleware, outermost first: security headers on every answer (errors
    /// included), errors as JSON, paths with control characters refused, the pages' files,
    /// then the routes; the API behind its authentication.
    static func makeRouter<C: Clock>(_ parts: ServerParts<C>) -> Router<FiredrillRequestContext> where C.Duration == Duration {
        let router = Router(context: FiredrillRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: JSONErrorMiddleware(metrics: parts.metrics))
        router.add(middleware: PathGuardMiddleware())
        if let files = FileServing.middleware(folder: parts.configuration.webRoot) { router.add(middleware: files) }
        OperationsController(parts: parts).addRoutes(to: router)
        WebController(parts: parts).addRoutes(to: router)
        var api = router.group("api/v1").add(middleware: AuthMiddleware(tokens: parts.tokens))
        if let cluster = parts.registry.cluster {
            api = api.add(middleware: DrillForwarding(registry: parts.registry, node: cluster, metrics: parts.metrics))
        }
        APIRoutes(parts: parts).add(to: api)
        return router
    }
}
