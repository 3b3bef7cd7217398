import AsyncHTTPClient
import FiredrillStore
import HTTPTypes
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// This server as one of several `firedrill serve` processes on one PostgreSQL database.
///
/// Each running drill's engine lives on one of them, the holder of its lease; the others pass
/// the drill's inputs on to it (``DrillForwarding``), follow its events from the record for
/// the streams opened with them, and take the drill over when its lease expires.
struct ClusterNode: Sendable {
    let store: any DrillLeasing
    /// Unique per process among the servers on the database.
    let name: String
    let leaseDuration: Duration
    /// Where the other servers reach this one: known once it listens.
    let addressWhenBound: @Sendable () -> String?
    /// The client requests are passed on with.
    let http = ForwardingClient()

    /// Where the other servers reach this one (before it listens: its configured address).
    func address() -> String { addressWhenBound() ?? "" }

    /// How often the leases are renewed: four times per lease, so that a renewal or two may
    /// fail (a slow database) before a lease expires.
    var renewInterval: Duration { leaseDuration / 4 }

    /// How often a server looks for drills that nobody runs.
    static var orphanScanInterval: Duration { .seconds(1) }

    /// The header a forwarded request carries (the forwarding server's name), so that it is
    /// never passed on twice.
    static var forwardedHeader: String { "X-Firedrill-Forwarded-By" }
}

/// The HTTP client of ``DrillForwarding``, made when first needed and shut down with the
/// server: a server that does not accept the connection is an answer at once (it stopped),
/// not a wait until the request's deadline.
final class ForwardingClient: Sendable {
    private let client = Mutex<HTTPClient?>(nil)

    var http: HTTPClient {
        client.withLock { client in
            if let client { return client }
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.retryConnectionEstablishment = false
            // Everyone answering an inject at once passes thousands of requests on together:
            // enough connections to the other server that they do not queue for long.
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connectionsPerServer
            // A refused connection fails at once; this bounds a connection that hangs (and a
            // request's wait for a free connection).
            configuration.timeout = .init(connect: .seconds(10))
            let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            client = made
            return made
        }
    }

    /// Connections kept to each other server.
    static var connectionsPerServer: Int { 256 }

    func shutdown() async {
        guard let made = client.withLock({ client in defer { client = nil }; return client }) else { return }
        try? await made.shutdown()
    }
}

/// Passing requests on to the server running their drill (``DrillForwarding``).
extension ClusterNode {
    /// The drill id of `/api/v1/drills/ID[/…]`.
    static func drillID(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[1] == "api", parts[2] == "v1", parts[3] == "drills", !parts[4].isEmpty else { return nil }
        return String(parts[4]).removingPercentEncoding
    }

    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host", "content-length",
    ]

    static func moving(_ id: String, _ why: String) -> APIError {
        APIError(.serviceUnavailable, "drill_moving", "drill '\(id.prefix(60))' cannot take this now: \(why). Nothing was recorded; try again in a few seconds")
    }

    /// Whether the request never reached the other server (it can be sent elsewhere safely).
    static func notDelivered(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .getConnectionFromPoolTimeout { return true }
        if let error = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode) { return true }
        if case ChannelError.connectTimeout = error { return true }
        return false
    }
}
