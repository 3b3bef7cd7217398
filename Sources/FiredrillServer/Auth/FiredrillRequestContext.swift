import Hummingbird
import Logging

/// The request context of the server: Hummingbird's core context and, once authenticated,
/// the caller.
public struct FiredrillRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var caller: Caller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        caller = nil
    }

    /// Bodies are read with their own limits (1 MB, scenario uploads 4 MB); see ``JSONBody``.
    public var maxUploadSize: Int { 1_048_576 }
}
