import FiredrillStore
import Foundation

/// An advisory lock held by the process that is playing a run (a terminal drill, or a
/// server for each drill it holds), so that other processes can
/// tell a run in progress from one whose process died (even by SIGKILL, which releases the
/// lock with the process).
public final class RunLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Takes the lock of `runID`, or returns `nil` when another process holds it.
    public init?(databasePath: String, runID: String) {
        let path = Self.path(databasePath: databasePath, runID: runID)
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let shared = databasePath.contains("://")
        if shared {
            // The temporary folder is every user's: the locks of a database server's drills
            // must be takeable by each user who runs firedrill on this machine (as /tmp is).
            chmod(folder, 0o1777)
            chmod((folder as NSString).deletingLastPathComponent, 0o1777)
        }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, shared ? 0o666 : 0o644)
        guard descriptor >= 0 else { return nil }
        if shared { fchmod(descriptor, 0o666) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether a live process holds the lock of `runID`.
    public static func isHeld(databasePath: String, runID: String) -> Bool {
        let path = path(databasePath: databasePath, runID: runID)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    /// Beside an SQLite file: `.NAME.locks/RUN.lock` in its folder. For a database server
    /// (a `postgres://` location), in the machine's temporary folder under a hash of the
    /// location: such a lock tells apart the processes of this machine only.
    static func path(databasePath: String, runID: String) -> String {
        if databasePath.contains("://") {
            let key = EventChain.sha256Hex(databasePath).prefix(24)
            return FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-run-locks/\(key)/\(runID).lock").path
        }
        let directory = (databasePath as NSString).deletingLastPathComponent
        let name = (databasePath as NSString).lastPathComponent
        return (directory.isEmpty ? "." : directory) + "/.\(name).locks/\(runID).lock"
    }
}
