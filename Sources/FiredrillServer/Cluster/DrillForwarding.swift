import AsyncHTTPClient
import FiredrillStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus

/// Several servers on one database: a request about a drill that another server runs is
/// passed on to that server and its answer given back, so that an input is answered only
/// after the server running the drill has recorded it, whichever server it reached.
///
/// Event streams are not passed on: every server streams a drill's events from the record.
/// A request is passed on once at most (``ClusterNode/forwardedHeader``). When the drill
/// moved while its request was handled here (its lease was taken over), nothing was recorded
/// and the request is passed on to the new holder.
struct DrillForwarding<C: Clock>: RouterMiddleware where C.Duration == Duration {
    typealias Context = FiredrillRequestContext
    let registry: DrillRegistry<C>
    let node: ClusterNode
    let metrics: ServerMetrics

    /// The largest body of a drill's request (as the handlers read them).
    static var bodyLimit: Int { 1_048_576 }
    /// How long the server running the drill has to answer.
    static var answerTimeout: TimeAmount { .seconds(30) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let id = ClusterNode.drillID(request.uri.path), !(request.method == .get && request.uri.path.hasSuffix("/events")) else {
            return try await next(request, context)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.bodyLimit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(Self.bodyLimit)
        }
        for attempt in 0..<2 {
            let last = attempt == 1
            switch try await registry.route(id) {
            case nil, .here:
                do {
                    return try await next(request, context)
                } catch let error as StoreError where error.code == .leaseLost && !last {
                    await registry.giveUp(id)
                } catch let error as StoreError where error.code == .outcomeUnknown {
                    // The engine here may be behind the record: the drill is taken up again from it
                    // (by this server at the next request, or by any at its next look for orphans).
                    await registry.giveUp(id, why: "lost the database during a commit", release: true)
                    throw error
                }
            case .elsewhere(let lease):
                guard request.headers[HTTPField.Name(ClusterNode.forwardedHeader)!] == nil else {
                    throw ClusterNode.moving(id, "it is moving between servers")
                }
                do {
                    return try await forward(request, body: body, to: lease)
                } catch let error where ClusterNode.notDelivered(error) {
                    // The server running it does not answer: it stopped, and another takes the drill over when its lease expires.
                    await registry.forgetElsewhere(id)
                    if last { throw ClusterNode.moving(id, "the server running it does not answer; another takes it over within \(node.leaseDuration.components.seconds * 2) seconds") }
                } catch let error as APIError {
                    throw error
                } catch {
                    await registry.forgetElsewhere(id)
                    throw APIError(.serviceUnavailable, "outcome_unknown", "the server running drill '\(id)' stopped while answering: what was sent may or may not be recorded; look at the drill's events before sending it again")
                }
            }
        }
        throw ClusterNode.moving(id, "it is moving between servers")
    }

    private func forward(_ request: Request, body: ByteBuffer, to lease: DrillLease) async throws -> Response {
        var outgoing = HTTPClientRequest(url: lease.address + (request.uri.string.hasPrefix("/") ? "" : "/") + request.uri.string)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !ClusterNode.hopByHop.contains(field.name.canonicalName) {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        outgoing.headers.add(name: ClusterNode.forwardedHeader, value: node.name)
        if body.readableBytes > 0 || request.method == .post || request.method == .put {
            outgoing.body = .bytes(body)
        }
        let answer = try await node.http.http.execute(outgoing, timeout: Self.answerTimeout)
        let bytes = try await answer.body.collect(upTo: 64 << 20)
        metrics.forwarded.increment()
        var headers = HTTPFields()
        for (name, value) in answer.headers where !ClusterNode.hopByHop.contains(name.lowercased()) && name.lowercased() != "content-length" {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: Int(answer.status.code), reasonPhrase: answer.status.reasonPhrase), headers: headers, body: ResponseBody(byteBuffer: bytes))
    }
}
