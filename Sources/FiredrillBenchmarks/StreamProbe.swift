import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A player's event stream as the live benchmark reads it: a bare connection whose bytes are
/// scanned on the event loop as they arrive, with no task switch and no decoding, so that
/// a thousand of them in the load generator cost the server under test as little of the
/// machine as possible. Arrival times are stamped the moment the bytes are read.
final class StreamProbe: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    /// What the probe noticed: the stream caught up, or an inject arrived (its id, and when).
    enum Signal: Sendable {
        case caughtUp
        case inject(id: String, at: Double)
    }

    private let onSignal: @Sendable (Signal) -> Void
    private let tail = Mutex<[UInt8]>([])

    init(onSignal: @escaping @Sendable (Signal) -> Void) {
        self.onSignal = onSignal
    }

    /// Opens a stream of drill `drill` with `token` on `host:port`.
    static func open(host: String, port: Int, drill: String, token: String, onSignal: @escaping @Sendable (Signal) -> Void) async throws -> any Channel {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(StreamProbe(onSignal: onSignal)) }
            }
            .connect(host: host, port: port).get()
        let request = "GET /api/v1/drills/\(drill)/events HTTP/1.1\r\nHost: \(host):\(port)\r\nAuthorization: Bearer \(token)\r\nAccept: text/event-stream\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request)).get()
        return channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let now = Date().timeIntervalSince1970
        let buffer = unwrapInboundIn(data)
        // The last few bytes of the previous read are kept, so a marker cut between reads is found.
        let bytes = tail.withLock { $0 } + Array(buffer.readableBytesView)
        let (signals, scanned) = Self.scan(bytes, at: now)
        for signal in signals { onSignal(signal) }
        tail.withLock { $0 = Array(bytes[max(scanned, bytes.count - 32)...]) }
    }

    private static let caughtUp = Array(": caught up".utf8)
    private static let inject = Array(#""inject":""#.utf8)

    /// The markers in `bytes` (the catch-up comment, each delivered inject's id), and where
    /// the last one found ends.
    static func scan(_ bytes: [UInt8], at time: Double) -> (signals: [Signal], scanned: Int) {
        var signals: [Signal] = []
        var scanned = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ":"), matches(caughtUp, in: bytes, at: index) {
                signals.append(.caughtUp)
                index += caughtUp.count
                scanned = index
            } else if bytes[index] == UInt8(ascii: "\""), matches(inject, in: bytes, at: index) {
                let start = index + inject.count
                guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                signals.append(.inject(id: String(decoding: bytes[start..<end], as: UTF8.self), at: time))
                index = end
                scanned = index
            } else {
                index += 1
            }
        }
        return (signals, scanned)
    }

    private static func matches(_ marker: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        index + marker.count <= bytes.count && bytes[index..<(index + marker.count)].elementsEqual(marker)
    }
}
