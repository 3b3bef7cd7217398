import Foundation

/// nginx started by a test: the `http` block's content given, on a free port of 127.0.0.1,
/// in a scratch folder (its pid, logs and temporary files), stopped by ``stop()`` or when
/// released. A missing nginx is an error naming it, never a skip.
public final class NginxProcess: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let process = Process()

    /// `http(port)` is the content of the `http { }` block, listening on `port`.
    public init(http: (Int) -> String) throws {
        guard let nginx = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw SystemTool.Failure(description: "nginx is not installed (apt-get install nginx; .ci/run does)")
        }
        port = try TestPorts.free()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.path
        let configuration = """
        pid \(path)/nginx.pid;
        error_log \(path)/error.log info;
        events { worker_connections 1024; }
        http {
            access_log \(path)/access.log;
            client_body_temp_path \(path)/body; proxy_temp_path \(path)/proxy;
            fastcgi_temp_path \(path)/fastcgi; uwsgi_temp_path \(path)/uwsgi; scgi_temp_path \(path)/scgi;
        \(http(port))
        }

        """
        let file = folder.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", path, "-c", file.path, "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if TestPorts.accepts(port) { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        stop()
        throw SystemTool.Failure(description: "nginx did not start: \(log.suffix(600))")
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Ports of 127.0.0.1 for the servers tests start.
public enum TestPorts {
    /// A port nobody listens on now (the kernel's choice for port 0).
    public static func free() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SystemTool.Failure(description: "no socket for a free port") }
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw SystemTool.Failure(description: "no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on `port`.
    public static func accepts(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
