import FiredrillStore
import FiredrillWire
import Foundation
import Hummingbird
import Synchronization

/// The server's shared parts, as the controllers use them.
struct ServerParts<C: Clock>: Sendable where C.Duration == Duration {
    let registry: DrillRegistry<C>
    let database: any DrillStore
    let tokens: TokenCache
    let metrics: ServerMetrics
    let configuration: ServerConfiguration
    let boundPort: BoundPort
    /// Finished drills' reports, built once (see ``ReportShelf``).
    let reports: ReportShelf
    /// The last scenario texts converted for the editor (see ``ConversionCache``).
    let conversions = ConversionCache()

    /// The drill named in the path, and who asks, when `kinds` may: a token of another drill
    /// gets 404 (as if the drill did not exist); a kind that may not gets 403.
    func access(_ context: FiredrillRequestContext, _ kinds: Set<String>, doing what: String) async throws -> (LiveDrill<C>, Caller) {
        let (id, caller) = try drillCaller(context)
        let drill: LiveDrill<C>
        switch try await registry.route(id) {
        case .here(let held): drill = held
        case .elsewhere: throw ClusterNode.moving(id, "it is moving between servers")
        case nil: throw APIError.drillNotFound(id)
        }
        guard kinds.contains(caller.kindName) else {
            throw APIError.forbidden("a \(caller.kindName) token may not \(what)")
        }
        return (drill, caller)
    }

    /// The hub of the drill named in the path, for its event stream (on any server), and who asks.
    func streamAccess(_ context: FiredrillRequestContext, _ kinds: Set<String>, doing what: String) async throws -> (EventHub, Caller) {
        let (id, caller) = try drillCaller(context)
        guard let hub = try await registry.hub(for: id) else { throw APIError.drillNotFound(id) }
        guard kinds.contains(caller.kindName) else {
            throw APIError.forbidden("a \(caller.kindName) token may not \(what)")
        }
        return (hub, caller)
    }

    /// The drill id in the path and the caller, when the caller's token is not another drill's.
    private func drillCaller(_ context: FiredrillRequestContext) throws -> (String, Caller) {
        let id = try context.parameters.require("id")
        guard let caller = context.caller else { throw APIError.unauthorized }
        if let own = caller.drillID, own != id { throw APIError.drillNotFound(id) }
        return (id, caller)
    }

    /// The caller of a server-wide request, when its kind may (else 401 or 403).
    @discardableResult
    func require(_ context: FiredrillRequestContext, _ kinds: Set<String>, doing what: String) throws -> Caller {
        guard let caller = context.caller else { throw APIError.unauthorized }
        guard kinds.contains(caller.kindName) else {
            throw APIError.forbidden("a \(caller.kindName) token may not \(what)")
        }
        return caller
    }

    func requireTrainer(_ context: FiredrillRequestContext, doing what: String) throws {
        guard let caller = context.caller else { throw APIError.unauthorized }
        guard caller == .trainer else { throw APIError.forbidden("only the trainer may \(what)") }
    }

    func link(for secret: String) -> String {
        configuration.baseURL(boundPort: boundPort.value) + "/join/" + secret
    }
}

/// The port the server listens on, known once it is running (port 0 in tests).
final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)
    var value: Int? { port.withLock { $0 } }
    func set(_ value: Int) { port.withLock { $0 = value } }
}
