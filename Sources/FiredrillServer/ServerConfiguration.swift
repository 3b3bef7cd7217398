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
    /// A request's body must have arrived in full this long after its head; a slower client
    /// is disconnected (the idle timeout only counts silence, not a trickle).
    public var requestBodyTimeout: Duration
    /// The open-file limit the server plans its connections by (the process's, by default):
    /// it stops accepting before the limit and sheds silent connections before that.
    public var descriptorLimit: Int
    /// Several servers on one PostgreSQL database: this one's name among them (unique per
    /// process; made from the host name and process id unless given).
    public var nodeName: String
    /// Where the other servers reach this one, for the inputs of the drills it runs
    /// (`http://HOST:PORT` of its listening address unless given).
    public var nodeAddress: String?
    /// How long a drill's lease lasts unless renewed (renewed every quarter of it); another
    /// server takes the drill over once it has expired.
    public var leaseDuration: Duration
    /// How many near misses one link and one address may send per window.
    var nearMissLimit: SubmissionLimiter.Limit = SubmissionLimiter.nearMisses

    public init(
        host: String = "127.0.0.1", port: Int = 8080, trainerToken: String, publicURL: String? = nil,
        idleTimeout: Duration = .seconds(60), heartbeatInterval: Duration = .seconds(15), checkpointInterval: Duration = .seconds(1),
        webRoot: URL? = nil, requestBodyTimeout: Duration = .seconds(60), descriptorLimit: Int? = nil,
        nodeName: String? = nil, nodeAddress: String? = nil, leaseDuration: Duration = .seconds(6)
    ) {
        self.nodeName = nodeName ?? Self.defaultNodeName()
        self.nodeAddress = nodeAddress
        self.leaseDuration = leaseDuration
        self.host = host
        self.port = port
        self.trainerToken = trainerToken
        self.publicURL = publicURL
        self.idleTimeout = idleTimeout
        self.heartbeatInterval = heartbeatInterval
        self.checkpointInterval = checkpointInterval
        self.webRoot = webRoot ?? ServerResources.publicFolder
        self.requestBodyTimeout = requestBodyTimeout
        self.descriptorLimit = descriptorLimit ?? Self.processDescriptorLimit()
    }

    /// `HOST-PID-XXXX`: unique among the processes on one database even when a restarted
    /// process gets the same id.
    public static func defaultNodeName() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "node"
        let suffix = String(UInt16.random(in: .min ... .max), radix: 16)
        return "\(host)-\(getpid())-\(suffix)"
    }

    /// Where the other servers reach this one.
    public func nodeAddress(boundPort: Int?) -> String {
        if let nodeAddress { return nodeAddress.hasSuffix("/") ? String(nodeAddress.dropLast()) : nodeAddress }
        let shownHost = host == "0.0.0.0" || host == "::" ? ProcessInfo.processInfo.hostName : host
        return "http://\(shownHost.contains(":") ? "[\(shownHost)]" : shownHost):\(boundPort ?? port)"
    }

    /// The soft limit on open files of this process (`ulimit -n`).
    public static func processDescriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1_024 }
        return Int(min(limit.rlim_cur, 1 << 20))
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

// The trainer's token never appears when the configuration is printed or logged (a service
// list, a debug dump): only whether one is set.
extension ServerConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "ServerConfiguration(host: \(host), port: \(port), publicURL: \(publicURL ?? "-"), trainerToken: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["host": host, "port": port, "publicURL": publicURL as Any, "trainerToken": "<redacted>"])
    }
}
