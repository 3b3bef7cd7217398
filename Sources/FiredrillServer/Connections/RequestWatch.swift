import NIOCore
import NIOHTTPTypes

/// Watches each request on a connection: tells the ``ConnectionGate`` that the connection
/// is in use, and closes it when a request's body has not arrived in full within
/// `bodyDeadline` of its head (a client that sends its body a byte at a time would otherwise
/// hold the connection for ever: the idle timeout only counts silence). Event streams are
/// not affected: their request ends with its head; only the answer goes on.
final class RequestWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// The error the connection ends with when a request body is too slow.
    struct TooSlow: Error, CustomStringConvertible {
        var description: String { "the request body did not arrive in time" }
    }

    private let gate: ConnectionGate?
    private let bodyDeadline: TimeAmount
    private var timer: Scheduled<Void>?
    /// A request's head has come and its end not yet.
    private var inBody = false
    private var started = NIODeadline.now()
    private var reportedToGate = false

    init(gate: ConnectionGate?, bodyDeadline: TimeAmount) {
        self.gate = gate
        self.bodyDeadline = bodyDeadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            if !reportedToGate {
                gate?.requested(context.channel)
                reportedToGate = true
            }
            inBody = true
            started = .now()
        case .end:
            inBody = false
            timer?.cancel()
            timer = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    /// A request still without its end once everything read so far is handled gets a
    /// deadline. Most requests arrive whole in one read and never need a timer.
    func channelReadComplete(context: ChannelHandlerContext) {
        if inBody, timer == nil {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: started + bodyDeadline) { [self] in
                guard inBody else { return }
                loopBound.value.fireErrorCaught(TooSlow())
                loopBound.value.close(promise: nil)
            }
        }
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }
}
