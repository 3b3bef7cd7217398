/// How hard commits are pushed to the disk.
public enum Durability: String, Sendable, Hashable, CaseIterable {
    /// A commit survives the process being killed; on power loss the database stays
    /// consistent but the last commits may be lost (SQLite: WAL with `synchronous=NORMAL`).
    case normal
    /// Every commit is synced to the disk (fsync) before it returns, at the price of slower
    /// writes (SQLite: WAL with `synchronous=FULL`).
    case full
}

/// What a command does with the store.
public enum StoreAccess: Sendable, Hashable {
    /// Records drills or corrective actions: the file and its directory are created when
    /// missing, and an older schema is brought up to date.
    case readWrite
    /// Only reads: nothing is created or changed, a missing file is an error, and a
    /// read-only file (an archived copy) can be read.
    case readOnly
}
