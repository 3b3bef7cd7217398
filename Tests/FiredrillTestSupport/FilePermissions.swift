import Foundation

/// Whether the permission bits of files hold this process back, and a read-only place for
/// tests that need one whoever runs them.
///
/// CI runs as root, and root writes a file whose bits say read-only. Tests of "a read-only
/// file is refused" therefore make the file read-only in a way that holds for root too: on
/// a file system mounted read-only. Nothing is skipped: a machine where neither way works
/// fails the test.
public enum FilePermissions {
    /// `false` when this process may write a file whose permission bits forbid it (root).
    public static let areEnforced: Bool = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-permission-probe-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o444]) else { return true }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return access(path, W_OK) != 0
    }()

    /// Runs a command (looked up in PATH) and returns its exit status; output is discarded.
    @discardableResult
    public static func system(_ command: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A small tmpfs mounted at a new directory (root only), made read-only on request and
/// unmounted by ``unmount()``.
public final class ScratchMount: Sendable {
    public let path: String

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Mounts a tmpfs of `size` (as `mount` writes it, e.g. `400k`).
    public init(size: String = "4m") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-mount-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard try FilePermissions.system(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]) == 0 else {
            throw Failure(description: "cannot mount a tmpfs at \(path): the test needs root (or CAP_SYS_ADMIN), as CI has")
        }
    }

    /// Makes the whole mount read-only: nobody, root included, writes to it.
    public func makeReadOnly() throws {
        guard try FilePermissions.system(["mount", "-o", "remount,ro", path]) == 0 else {
            throw Failure(description: "cannot remount \(path) read-only")
        }
    }

    public func unmount() {
        _ = try? FilePermissions.system(["umount", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}
