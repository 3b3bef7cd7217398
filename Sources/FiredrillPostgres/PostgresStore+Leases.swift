import FiredrillCore
import FiredrillStore
import Foundation
import NIOPosix
import PostgresNIO

/// Several servers on one database: the drills' leases (`drill_lease`), the fenced recorder,
/// reading events after a point, and announcements between nodes (`NOTIFY`/`LISTEN`).
///
/// Expiry is judged by the database's clock (`now()`), the one clock every node shares.
extension PostgresStore: DrillLeasing {
    public func claimLease(runID: String, node: String, address: String, duration: Duration) throws -> LeaseClaim {
        let seconds = Self.seconds(duration)
        return try transaction { transaction in
            _ = try Self.fetchRun(transaction, id: runID)
            let taken = try transaction.query("""
                INSERT INTO drill_lease (run_id, node, address, fence, expires_at)
                VALUES (\(runID), \(node), \(address), 1, now() + make_interval(secs => \(seconds)))
                ON CONFLICT (run_id) DO UPDATE SET node = EXCLUDED.node, address = EXCLUDED.address,
                    fence = drill_lease.fence + 1, expires_at = EXCLUDED.expires_at
                WHERE drill_lease.expires_at < now() OR drill_lease.node = EXCLUDED.node
                RETURNING fence
                """).first
            if let taken {
                return .granted(DrillLease(runID: runID, node: node, address: address, fence: try taken.decode(Int64.self), isLive: true))
            }
            guard let current = try Self.lease(transaction, runID: runID) else {
                throw StoreError(.inconsistentRecord, "the lease of drill '\(runID)' was neither taken nor found")
            }
            return .heldElsewhere(current)
        }
    }

    public func renewLeases(node: String, fences: [String: Int64], duration: Duration) throws -> Set<String> {
        guard !fences.isEmpty else { return [] }
        let ids = Array(fences.keys)
        let tokens = ids.map { fences[$0]! }
        let seconds = Self.seconds(duration)
        let rows = try query("""
            UPDATE drill_lease AS l SET expires_at = now() + make_interval(secs => \(seconds))
            FROM unnest(\(ids)::text[], \(tokens)::bigint[]) AS m(run_id, fence)
            WHERE l.run_id = m.run_id AND l.fence = m.fence AND l.node = \(node)
            RETURNING l.run_id
            """)
        return Set(try rows.map { try $0.decode(String.self) })
    }

    public func releaseLease(_ lease: DrillLease) throws {
        try query("""
            UPDATE drill_lease SET expires_at = now() - interval '1 second'
            WHERE run_id = \(lease.runID) AND node = \(lease.node) AND fence = \(lease.fence)
            """)
    }

    public func lease(runID: String) throws -> DrillLease? {
        try snapshot { try Self.lease($0, runID: runID) }
    }

    public func orphanedDrills() throws -> [String] {
        try query("""
            SELECT r.id FROM run AS r LEFT JOIN drill_lease AS l ON l.run_id = r.id
            WHERE r.interface = 'server' AND r.status IN ('running', 'interrupted') AND r.event_count > 0
                AND (l.run_id IS NULL OR l.expires_at < now())
            ORDER BY r.created_at COLLATE "C", r.id COLLATE "C"
            """).map { try $0.decode(String.self) }
    }

    public func recorder(resuming runID: String, lease: DrillLease, wallClock: @escaping @Sendable () -> Date) throws -> any RunRecording {
        try transaction { transaction in
            try Self.checkFence(lease, in: transaction)
            let run = try Self.fetchRun(transaction, id: runID, lock: true)
            guard run.status != .finished else { throw StoreError.runFinished(run.id) }
            try transaction.query("UPDATE run SET status = 'running' WHERE id = \(run.id)")
        }
        return PostgresRunRecorder(store: self, runID: runID, lease: lease, wallClock: wallClock)
    }

    public func recorder(appendingTo runID: String, lease: DrillLease, wallClock: @escaping @Sendable () -> Date) throws -> any RunRecording {
        PostgresRunRecorder(store: self, runID: try run(id: runID).id, lease: lease, wallClock: wallClock)
    }

    public func storedEvents(runID: String, after: Int?) throws -> [(event: DrillEvent, wallTime: String)] {
        let decoder = JSONDecoder()
        return try query("""
            SELECT seq, wall_time, payload FROM event WHERE run_id = \(runID) AND seq > \(after ?? -1) ORDER BY seq
            """).map { row in
            let (sequence, wallTime, payload) = try row.decode((Int, String, String).self)
            do {
                return (try decoder.decode(DrillEvent.self, from: Data(payload.utf8)), wallTime)
            } catch {
                throw StoreError(.inconsistentRecord, "event \(sequence) of run '\(runID)' cannot be read: \(error)")
            }
        }
    }

    public func token(hash: String) throws -> AccessToken? {
        try query("SELECT \(unescaped: Self.tokenColumns) FROM token WHERE hash = \(hash)").first.map { try RowDecoder.decode(AccessToken.self, from: $0) }
    }

    public func announce(_ channel: String, _ payload: String) throws {
        try query("SELECT pg_notify(\(channel), \(payload))")
    }

    public func announcements(_ channels: [String]) -> AsyncThrowingStream<(channel: String, payload: String), any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: (channel: String, payload: String).self)
        let logger = logger
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try self.configuration()
        } catch {
            continuation.finish(throwing: describe(error))
            return stream
        }
        let task = Task {
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 2, logger: logger
                )
                do {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for channel in channels {
                            group.addTask {
                                try await connection.listen(on: channel) { notifications in
                                    // Listening now: whatever was announced before must be caught up from the record.
                                    continuation.yield((channel, ""))
                                    for try await notification in notifications {
                                        continuation.yield((channel, notification.payload))
                                    }
                                }
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
                continuation.finish(throwing: StoreError(.unavailable, "the connection listening to \(address.description) ended"))
            } catch let error as PSQLError {
                continuation.finish(throwing: describe(error))
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: Rows

    static func lease(_ transaction: Transaction, runID: String) throws -> DrillLease? {
        try transaction.query("""
            SELECT node, address, fence, expires_at >= now() FROM drill_lease WHERE run_id = \(runID)
            """).first.map { row in
            let (node, address, fence, live) = try row.decode((String, String, Int64, Bool).self)
            return DrillLease(runID: runID, node: node, address: address, fence: fence, isLive: live)
        }
    }

    /// Refuses the transaction unless `lease` is still the drill's; holds the lease's row until
    /// the transaction ends, so a node taking the drill over waits for this write and then
    /// reads it.
    static func checkFence(_ lease: DrillLease, in transaction: Transaction) throws {
        let held = try transaction.query("""
            SELECT 1 FROM drill_lease WHERE run_id = \(lease.runID) AND node = \(lease.node) AND fence = \(lease.fence) FOR SHARE
            """)
        guard !held.isEmpty else {
            throw StoreError(.leaseLost, "drill '\(lease.runID)' was taken over by another server (this one held it under fence \(lease.fence)); nothing was recorded here")
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
