import Foundation

/// A TCP proxy in front of a server (Python, started by the test) that can cut a connection
/// right after passing on a client's message containing a marker: the server gets the
/// message and acts on it, the client never sees the answer. Armed once by ``arm(_:)``.
///
/// This is how a test makes the connection break "during COMMIT": the database commits, and
/// the client cannot know.
public final class CuttingProxy: @unchecked Sendable {
    public let port: Int
    private let process: LiveProcess
    private let armed: URL

    public init(upstreamPort: Int) throws {
        armed = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-cut-\(UUID().uuidString)")
        port = try TestPorts.free()
        process = try LiveProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-u", "-c", Self.script, "\(port)", "\(upstreamPort)", armed.path])
        guard process.waitFor("listening") else { throw SystemTool.Failure(description: "the cutting proxy did not start (python3)") }
    }

    /// The next client message containing `marker` is passed on, then its connection is cut;
    /// with `after`, only once the same connection has sent a message containing `after`
    /// (the COMMIT of the transaction that wrote a given text).
    public func arm(_ marker: String, after: String = "") throws {
        try (after + "\n" + marker).write(to: armed, atomically: true, encoding: .utf8)
    }

    /// Whether the armed cut has happened.
    public var hasCut: Bool { !FileManager.default.fileExists(atPath: armed.path) }

    public func stop() {
        guard process.process.isRunning else { return }
        kill(process.process.processIdentifier, SIGKILL)
        process.process.waitUntilExit()
    }

    deinit { stop() }

    static let script = #"""
    import os, socket, sys, threading, time
    port, upstream, armed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port)); server.listen(64)
    print("listening", flush=True)
    def pipe(source, target, pair, watch, muted):
        seen = False
        try:
            while True:
                data = source.recv(65536)
                if not data or (not watch and muted.is_set()): break
                marker = None
                if watch and os.path.exists(armed):
                    with open(armed) as f: after, marker = [part.encode() for part in f.read().split("\n", 1)]
                    seen = seen or after in data
                if marker and seen and marker in data:
                    os.remove(armed)         # once
                    muted.set()              # the answer never reaches the client
                    target.sendall(data)
                    time.sleep(0.3)          # the server acts on it
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in pair:
                try: s.shutdown(socket.SHUT_RDWR)
                except OSError: pass
                try: s.close()
                except OSError: pass
    while True:
        client, _ = server.accept()
        up = socket.create_connection(("127.0.0.1", upstream))
        pair, muted = (client, up), threading.Event()
        threading.Thread(target=pipe, args=(client, up, pair, True, muted), daemon=True).start()
        threading.Thread(target=pipe, args=(up, client, pair, False, muted), daemon=True).start()
    """#
}
