import AsyncHTTPClient
import FiredrillStore
import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// What the live benchmark loads: one `firedrill serve`, or several on one PostgreSQL
/// database behind nginx (configured as the README says), each a child process.
final class BenchDeployment: Sendable {
    let servers: [BenchServer]
    let proxy: BenchProxy?
    /// Where clients go: the proxy, or the single server.
    let base: String
    /// Each server's own address.
    let nodeBases: [String]
    let database: String

    /// Starts `nodes` servers (one after the other, so that the first brings the schema up
    /// to date), and nginx in front of them when there is more than one.
    init(nodes: Int, durability: Durability, database: String?, leaseSeconds: Int, nginx: String?) throws {
        var servers: [BenchServer] = []
        var bases: [String] = []
        do {
            for index in 1...nodes {
                let arguments = nodes > 1 ? ["--node-name", "node\(index)", "--lease-seconds", "\(leaseSeconds)"] : []
                let server = try BenchServer(durability: durability, database: database, arguments: arguments)
                servers.append(server)
                bases.append(try server.address())
            }
            proxy = nodes > 1 ? try BenchProxy(upstreams: bases, executable: nginx) : nil
        } catch {
            for server in servers { server.stop() }
            throw error
        }
        self.servers = servers
        nodeBases = bases
        base = proxy?.base ?? bases[0]
        self.database = servers[0].databasePath
    }

    /// The servers' resident sets, summed: now, and their peaks.
    func residentSet() -> (current: Int, peak: Int) {
        servers.map { $0.residentSet() }.reduce((0, 0)) { ($0.0 + $1.current, $0.1 + $1.peak) }
    }

    /// The server whose `/metrics` says it runs `drill`.
    func owner(of drill: String, http: HTTPClient) async throws -> Int? {
        for (index, base) in nodeBases.enumerated() where servers[index].process.isRunning {
            let response = try await http.execute(HTTPClientRequest(url: base + "/metrics"), timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
            if text.contains("firedrill_drill_owned{run=\"\(drill)\"} 1") { return index }
        }
        return nil
    }

    func stop() {
        proxy?.stop()
        for server in servers { server.stop() }
    }
}

/// The server under test: `firedrill serve` as a child process on a scratch database (or
/// the PostgreSQL database given).
final class BenchServer: Sendable {
    let process: Process
    let databasePath: String
    private let output: Pipe
    /// What the server wrote to standard error (errors only), to name why it did not start.
    private let errors: URL

    init(durability: Durability, database: String? = nil, arguments: [String] = []) throws {
        if let database {
            databasePath = database
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-live-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            databasePath = directory.appendingPathComponent("bench.sqlite").path
        }
        process = Process()
        output = Pipe()
        process.executableURL = BenchServer.executable
        process.arguments = ["serve", "--port", "0", "--db", databasePath, "--durability", durability.rawValue] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FIREDRILL_TRAINER_TOKEN"] = LiveBenchmark.trainer
        environment["LOG_LEVEL"] = "error"
        process.environment = environment
        process.standardOutput = output
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    /// This program: the benchmark's servers are `firedrill serve` of the same build.
    static var executable: URL {
        let invoked = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return FileManager.default.isExecutableFile(atPath: invoked.path) ? invoked : Bundle.main.executableURL ?? invoked
    }

    /// The address the server printed once it listens.
    func address() throws -> String {
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
            let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw BenchmarkFailure("the benchmark's server did not start: \(text)\(log)")
        }
        return String(text[range])
    }

    /// The server's resident set now and at its peak, in bytes (from /proc; 0 where there is none).
    func residentSet() -> (current: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return (0, 0) }
        func kilobytes(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
        }
        return (kilobytes("VmRSS"), kilobytes("VmHWM"))
    }

    /// SIGKILL: the server dies at once, as on a power loss, leaving its leases to expire.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// nginx in front of the servers, with the README's `location` settings (event streams
/// unbuffered, a dead server skipped), on a free local port, in a scratch folder.
final class BenchProxy: Sendable {
    let process: Process
    let base: String
    let folder: URL

    init(upstreams: [String], executable: String?) throws {
        guard let nginx = executable ?? ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchmarkFailure("nginx was not found (apt-get install nginx, or --nginx PATH): several nodes are measured behind it")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try Self.freePort()
        let servers = upstreams.map { "server \($0.replacingOccurrences(of: "http://", with: ""));" }.joined(separator: " ")
        let configuration = """
        worker_processes auto;
        worker_rlimit_nofile 65536;
        pid \(folder.path)/nginx.pid;
        error_log \(folder.path)/error.log warn;
        events { worker_connections 30000; }
        http {
            access_log off;
            client_body_temp_path \(folder.path)/body; proxy_temp_path \(folder.path)/proxy;
            fastcgi_temp_path \(folder.path)/fastcgi; uwsgi_temp_path \(folder.path)/uwsgi; scgi_temp_path \(folder.path)/scgi;
            upstream firedrill { \(servers) keepalive 64; }
            server {
                listen 127.0.0.1:\(port);
                location / {
                    proxy_pass http://firedrill;
                    proxy_http_version 1.1;  proxy_set_header Connection "";
                    proxy_buffering off;     proxy_read_timeout 1h;
                    proxy_next_upstream error timeout;
                }
            }
        }

        """
        let file = folder.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", folder.path, "-c", file.path, "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = "http://127.0.0.1:\(port)"
        // Listening once a connection is accepted.
        for _ in 0..<100 {
            if Self.accepts(port: port) { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        stop()
        throw BenchmarkFailure("nginx did not start: \(log)")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// A port nobody listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchmarkFailure("no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw BenchmarkFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
