import FiredrillCore
import FiredrillStore
import FiredrillWire
import Foundation
import Prometheus
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /api/v1/drills/{id}/events`: a drill's events as server-sent events, each as its
/// caller may see it. The stream starts after `Last-Event-ID` (or `?last_event_id=`), or at
/// the first event, catches up from the drill's log, then follows live; it ends when the
/// server shuts down or when the client falls too far behind (it reconnects and catches up).
struct EventStreamController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    /// The kernel's send buffer of a stream's connection, in bytes (Linux doubles it).
    static var sendBuffer: Int { 64 * 1024 }

    @Sendable func stream(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (hub, caller) = try await parts.streamAccess(context, ["trainer", "evaluator", "observer", "player", "committee"], doing: "follow the drill")
        var lastSeen: Int? = nil
        if let raw = request.headers[.lastEventID] ?? request.uri.queryParameters.get("last_event_id") {
            guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw APIError.badRequest("Last-Event-ID must be the number of the last event received (its 'id:' line)")
            }
            lastSeen = value
        }
        let tokenID: String? = if case .token(let token) = caller { token.id } else { nil }
        let channel = context.channel
        let subscription = hub.subscribe(audience: caller.audience, tokenID: tokenID, after: lastSeen) {
            channel.close(promise: nil)
        }
        // A small send buffer in the kernel: a stream that stops reading holds little memory
        // there before the hub drops it (messages are small; a live stream never needs more).
        _ = channel.setOption(ChannelOptions.socketOption(.so_sndbuf), value: Self.sendBuffer)
        let metrics = parts.metrics
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: ResponseBody { writer in
                metrics.streamsOpen.increment()
                defer {
                    metrics.streamsOpen.decrement()
                    hub.unsubscribe(subscription.id)
                }
                // The backlog goes out in pieces of about 64 kB; then a line that says it is done.
                var pending = "retry: 2000\n\n"
                for message in subscription.backlog {
                    pending += message
                    if pending.utf8.count >= 65_536 {
                        try await writer.write(ByteBuffer(string: pending))
                        pending = ""
                    }
                }
                pending += ": caught up\n\n"
                try await writer.write(ByteBuffer(string: pending))
                metrics.eventsSent.increment(by: Int64(subscription.backlog.count))
                do {
                    // On graceful shutdown the stream is ended (an open stream would otherwise
                    // hold the server up); a handler, not a wrapper around the sequence, so
                    // that a message costs no extra task switch on its way to the socket.
                    try await withGracefulShutdownHandler {
                        try await request.body.consumeWithCancellationOnInboundClose { _ in
                            for try await message in subscription.stream {
                                try await writer.write(message)
                                subscription.pending.written(message.readableBytes)
                            }
                        }
                    } onGracefulShutdown: {
                        hub.end(subscription.id)
                    }
                } catch is CancellationError {
                    return  // the client went away
                }
                try await writer.finish(nil)
            }
        )
    }
}

extension HTTPField.Name {
    /// The SSE reconnect header: the id of the last event the client received.
    static var lastEventID: Self { .init("Last-Event-ID")! }
}
