import Foundation

/// A throw-away PostgreSQL cluster for the tests of one process: `initdb` into a temporary
/// folder (as the `postgres` user when the tests run as root, as CI does), started on a free
/// port of 127.0.0.1, stopped when the process exits. The role `firedrill` signs in with a
/// password over TCP (so that a wrong password can be tried) and may use TLS (a self-signed
/// certificate); a test gets a database of its own from ``database(_:)``.
///
/// Missing PostgreSQL server programs are an error naming them: the tests that need the
/// cluster fail, they are never skipped (`.ci/run` installs Debian's `postgresql`).
public final class PostgresCluster: Sendable {
    public static let user = "firedrill"
    public static let password = "drill-test-password"

    public let port: Int
    public let folder: String
    let bin: String
    private let asRoot: Bool

    /// The cluster of this process, started on first use.
    public static func shared() throws -> PostgresCluster {
        try started.get()
    }

    private static let started: Result<PostgresCluster, any Error> = Result { try PostgresCluster(tls: true) }

    /// A cluster of the caller's own, for a test that stops and starts its server (the
    /// shared one serves tests that run at the same time), or one without TLS.
    public static func dedicated(tls: Bool = true) throws -> PostgresCluster {
        try PostgresCluster(tls: tls)
    }

    /// Whether the server offers TLS (a self-signed certificate made for it).
    public let tls: Bool

    private init(tls: Bool) throws {
        self.tls = tls
        bin = try Self.serverPrograms()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let data = folder + "/data"
        let passwordFile = folder + "/password"
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        asRoot = getuid() == 0
        if tls {
            try Self.spawn([
                "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "2",
                "-keyout", folder + "/server.key", "-out", folder + "/server.crt",
            ], log: folder + "/setup.log")
            chmod(folder + "/server.key", 0o600)
        }
        if asRoot { try Self.spawn(["/bin/chown", "-R", "postgres:postgres", folder], log: folder + "/setup.log") }
        try Self.spawn(Self.asServerUser(asRoot) + [
            bin + "/initdb", "-D", data, "-U", Self.user, "--pwfile", passwordFile, "-A", "trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ], log: folder + "/setup.log")
        port = try TestPorts.free()
        try start()
    }

    /// Starts the server (again), on the same port.
    public func start() throws {
        try Self.spawn(Self.asServerUser(asRoot) + [
            bin + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "start",
            "-o", "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
                + (tls ? " -c ssl=on -c ssl_cert_file=\(folder)/server.crt -c ssl_key_file=\(folder)/server.key" : ""),
        ], log: folder + "/setup.log")
        let pidLine = try String(contentsOfFile: folder + "/data/postmaster.pid", encoding: .utf8).split(separator: "\n").first
        guard let pid = pidLine.flatMap({ pid_t($0) }) else { throw SystemTool.Failure(description: "the PostgreSQL server wrote no process id") }
        PostgresClusterShutdown.register(server: pid, folder: folder)
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`): every connection is cut, as
    /// when the database's machine fails; ``start()`` brings it back with what was committed.
    public func stop() throws {
        try Self.spawn(Self.asServerUser(asRoot) + [bin + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"], log: folder + "/setup.log")
        PostgresClusterShutdown.register(server: 0, folder: folder)
    }

    /// A new, empty database of this cluster named `name` (dropped first if a previous test
    /// of this process left one).
    public func database(_ name: String) throws -> String {
        let safe = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        try sql("DROP DATABASE IF EXISTS \(safe) WITH (FORCE)")
        try sql("CREATE DATABASE \(safe)")
        return safe
    }

    /// The URL of `database` on this cluster, with the password.
    public func url(_ database: String, password: String? = PostgresCluster.password) -> String {
        let secret = password.map { ":\($0)" } ?? ""
        return "postgres://\(Self.user)\(secret)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Runs `statement` as the cluster's owner, through its Unix socket.
    @discardableResult
    public func sql(_ statement: String, database: String = "postgres") throws -> String {
        try Self.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", "\(port)", "-U", Self.user, "-d", database, "-c", statement])
    }

    // MARK: Processes

    private static func serverPrograms() throws -> String {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = "/usr/lib/postgresql/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        throw SystemTool.Failure(description: "PostgreSQL's server programs (initdb, pg_ctl) are not in /usr/lib/postgresql/*/bin: install Debian's postgresql package (.ci/run does)")
    }

    private static func asServerUser(_ asRoot: Bool) -> [String] {
        asRoot ? ["/sbin/runuser", "-u", "postgres", "--"] : []
    }

    @discardableResult
    static func run(_ command: [String]) throws -> String {
        try SystemTool.output(command)
    }

    /// Runs `command` (an absolute path first) with no pipes to this process, its output
    /// appended to the cluster's `setup.log`, and waits for it. The server that `pg_ctl`
    /// leaves running must not hold a pipe of ours, or reading it would never end.
    private static func spawn(_ command: [String], log: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let started = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard started == 0 else { throw SystemTool.Failure(description: "\(command[0]) cannot be started (errno \(started))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(600)) } ?? ""
            throw SystemTool.Failure(description: "\(command.joined(separator: " ")) failed (status \(status)): \(tail)")
        }
    }
}

/// Stops the clusters when the test process exits: an immediate shutdown (SIGQUIT), then
/// their folders removed. `atexit` takes no context, so the servers wait in a global; nothing
/// here may start a process or a run loop, which would hang an exiting process.
private enum PostgresClusterShutdown {
    nonisolated(unsafe) static var servers: [String: pid_t] = [:]
    static let lock = NSLock()
    nonisolated(unsafe) static var registered = false

    static func register(server: pid_t, folder: String) {
        lock.lock()
        defer { lock.unlock() }
        servers[folder] = server
        guard !registered else { return }
        registered = true
        atexit {
            for (folder, server) in PostgresClusterShutdown.servers {
                // 0: stopped by its test (a stale process id might now be another process's).
                if server > 0 {
                    kill(server, SIGQUIT)
                    for _ in 0..<100 where kill(server, 0) == 0 { usleep(50_000) }
                }
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }
}
