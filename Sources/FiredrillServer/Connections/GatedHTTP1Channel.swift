import HummingbirdCore
import Logging
import NIOCore

/// HTTP/1.1 connections as Hummingbird serves them, counted by a ``ConnectionGate`` for as
/// long as each is open.
struct GatedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        let channel = value.channel
        gate.opened(channel)
        defer { gate.closed(channel) }
        await base.handle(value: value, logger: logger)
    }
}
