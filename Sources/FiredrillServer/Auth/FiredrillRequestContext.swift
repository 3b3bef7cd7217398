import Hummingbird
import Logging
import NIOCore

/// The request context of the server: Hummingbird's core context, the connection (an event
/// stream closes it when its client stops reading) and, once authenticated, the caller.
public struct FiredrillRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var caller: Caller?
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        caller = nil
        channel = source.channel
    }

    /// Bodies are read with their own limits (1 MB, scenario uploads 4 MB); see ``JSONBody``.
    public var maxUploadSize: Int { 1_048_576 }
}
