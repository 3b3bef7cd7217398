import Foundation

/// How `firedrill serve` runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The trainer's token: `$FIREDRILL_TRAINER_TOKEN`, or one made at start.
    public var trainerToken: String
    /// The address people open, for sign-in links (`http://HOST:PORT` unless given).
    public var publicURL: String?
    /// Connections that send nothing are closed after this long (event streams are kept
    /// open by their heartbeats).
    public var idleTimeout: Duration
    /// How often event streams get a heartbeat comment.
    public var heartbeatInterval: Duration
    /// How often running drills note their clock in the record.
    public var checkpointInterval: Duration
    /// The folder of the web pages: the one shipped with firedrill unless another is given
    /// (`$FIREDRILL_WEB_ROOT`, for working on the pages without a rebuild).
    public var webRoot: URL?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, trainerToken: String, publicURL: String? = nil,
        idleTimeout: Duration = .seconds(60), heartbeatInterval: Duration = .seconds(15), checkpointInterval: Duration = .seconds(1),
        webRoot: URL? = nil
    ) {
        self.host = host
        self.port = port
        self.trainerToken = trainerToken
        self.publicURL = publicURL
        self.idleTimeout = idleTimeout
        self.heartbeatInterval = heartbeatInterval
        self.checkpointInterval = checkpointInterval
        self.webRoot = webRoot ?? ServerResources.publicFolder
    }

    /// A new trainer token: 32 random bytes in base64url.
    public static func newTrainerToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "fdt_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The base of links people open.
    public func baseURL(boundPort: Int?) -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "http://\(shownHost.contains(":") ? "[\(shownHost)]" : shownHost):\(boundPort ?? port)"
    }
}
