import FiredrillCore
import Foundation
import NIOCore
import Prometheus
import Synchronization

/// One drill's events on their way to the event streams.
///
/// The hub keeps the drill's log as stored (each event with its wall time and the
/// objectives it met), so a stream that opens or reopens catches up from it without a
/// database read, then receives live events: subscribing snapshots the log and registers the
/// subscriber under one lock, so nothing is missed or sent twice.
///
/// Publishing never waits. Each subscriber has a bounded buffer, in messages and in bytes; a
/// client too slow to keep up is dropped: its stream ends, its connection is closed (a client
/// that stopped reading would otherwise hold it, and the kernel's buffers, for ever), and it
/// catches up when it reconnects with `Last-Event-ID`.
/// Messages are rendered once per audience, not once per subscriber, into one buffer that
/// every subscriber of that audience writes (buffers are shared, not copied).
final class EventHub: Sendable {
    let scenario: Scenario
    /// Messages a subscriber may have waiting before it is dropped.
    let bufferLimit: Int
    /// Bytes a subscriber may have waiting before it is dropped.
    let byteLimit: Int
    private let metrics: ServerMetrics?

    struct Entry: Sendable {
        var event: DrillEvent
        var wallTime: String
        var met: [DrillFeed.Met]
    }

    private struct Subscriber {
        /// Its audience, as an index into ``State/audiences``.
        var audience: Int
        /// The token the stream was opened with (`nil` for the trainer's).
        var tokenID: String?
        var continuation: AsyncStream<ByteBuffer>.Continuation
        var backlog: PendingBytes
        /// Closes the subscriber's connection.
        var onDrop: @Sendable () -> Void

        /// Ends the stream and closes the connection.
        func drop() {
            continuation.finish()
            onDrop()
        }
    }

    /// The bytes handed to a subscriber's stream and not yet written to its connection.
    final class PendingBytes: Sendable {
        private let bytes = Atomic<Int>(0)
        func add(_ count: Int) -> Int { bytes.add(count, ordering: .relaxed).newValue }
        func written(_ count: Int) { bytes.subtract(count, ordering: .relaxed) }
    }

    private struct State {
        var log: [Entry] = []
        var feed: DrillFeed
        var subscribers: [Int: Subscriber] = [:]
        var nextID = 0
        var closed = false
        /// The distinct audiences of the subscribers so far, and where each is in the list.
        var audiences: [Audience] = []
        var audienceIndex: [Audience: Int] = [:]

        mutating func index(of audience: Audience) -> Int {
            if let index = audienceIndex[audience] { return index }
            audiences.append(audience)
            audienceIndex[audience] = audiences.count - 1
            return audiences.count - 1
        }
    }

    private let state: Mutex<State>

    init(
        scenario: Scenario, stored: [(event: DrillEvent, wallTime: String)], bufferLimit: Int = 4_096, byteLimit: Int = 1 << 20,
        metrics: ServerMetrics? = nil
    ) {
        self.scenario = scenario
        self.bufferLimit = bufferLimit
        self.byteLimit = byteLimit
        self.metrics = metrics
        var feed = DrillFeed(scenario: scenario)
        let log = stored.map { Entry(event: $0.event, wallTime: $0.wallTime, met: feed.take($0.event)) }
        state = Mutex(State(log: log, feed: feed))
    }

    /// The event-stream message of an event for an audience, or `nil` if it does not see it.
    static func message(_ entry: Entry, for audience: Audience, scenario: Scenario) -> String? {
        guard let view = Visibility.view(of: entry.event, met: entry.met, wallTime: entry.wallTime, for: audience, scenario: scenario) else {
            return nil
        }
        return "id: \(entry.event.sequence)\nevent: \(entry.event.typeName)\ndata: \(JSONBody.compact(view))\n\n"
    }

    /// The view of an event for an audience, for answers that carry it (an action's 201).
    func view(of event: DrillEvent, for audience: Audience) -> EventView? {
        let entry = state.withLock { state in state.log.last { $0.event.sequence == event.sequence } }
        guard let entry else { return nil }
        return Visibility.view(of: entry.event, met: entry.met, wallTime: entry.wallTime, for: audience, scenario: scenario)
    }

    /// Adds stored events and sends them to the subscribers that see them. Never waits.
    /// Events the log has already (by sequence number) are skipped: the record may be read
    /// more than once when the drill is followed from another server's writes.
    func publish(_ events: [DrillEvent], wallTimes: [String]) {
        var dropped: [Subscriber] = []
        var sent = 0
        state.withLock { state in
            for (event, wallTime) in zip(events, wallTimes) where event.sequence > (state.log.last?.event.sequence ?? -1) {
                let entry = Entry(event: event, wallTime: wallTime, met: state.feed.take(event))
                state.log.append(entry)
                // Rendered on first need, once per audience: `.some(nil)` when it sees nothing.
                var rendered = [ByteBuffer??](repeating: nil, count: state.audiences.count)
                for (id, subscriber) in state.subscribers {
                    if rendered[subscriber.audience] == nil {
                        rendered[subscriber.audience] = .some(
                            Self.message(entry, for: state.audiences[subscriber.audience], scenario: scenario).map { ByteBuffer(string: $0) }
                        )
                    }
                    guard case .some(.some(let message)) = rendered[subscriber.audience] else { continue }
                    if subscriber.backlog.add(message.readableBytes) > byteLimit {
                        dropped.append(subscriber)
                        state.subscribers[id] = nil
                    } else if case .dropped = subscriber.continuation.yield(message) {
                        dropped.append(subscriber)
                        state.subscribers[id] = nil
                    } else {
                        sent += 1
                    }
                }
            }
        }
        metrics?.eventsSent.increment(by: Int64(sent))
        for subscriber in dropped {
            metrics?.streamsDropped.increment()
            subscriber.drop()
        }
    }

    /// A subscription: the messages after `lastSeen` already in the log, then a stream of
    /// live ones. The stream ends when the hub closes or the subscriber is too slow.
    struct Subscription {
        var id: Int
        var backlog: [String]
        var stream: AsyncStream<ByteBuffer>
        /// Tell it what was written to the connection: `pending.written(bytes)`.
        var pending: PendingBytes
    }

    /// Subscribes `audience`; `onDrop` closes the subscriber's connection when it is dropped
    /// (too slow, or its token revoked).
    func subscribe(
        audience: Audience, tokenID: String? = nil, after lastSeen: Int?, onDrop: @escaping @Sendable () -> Void = {}
    ) -> Subscription {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingOldest(bufferLimit))
        let pending = PendingBytes()
        let (id, backlog, closed) = state.withLock { state -> (Int, [String], Bool) in
            let id = state.nextID
            state.nextID += 1
            let start = lastSeen.map { seen in state.log.firstIndex { $0.event.sequence > seen } ?? state.log.count } ?? 0
            let backlog = state.log[start...].compactMap { Self.message($0, for: audience, scenario: scenario) }
            if !state.closed {
                state.subscribers[id] = Subscriber(
                    audience: state.index(of: audience), tokenID: tokenID, continuation: continuation, backlog: pending, onDrop: onDrop
                )
            }
            return (id, backlog, state.closed)
        }
        if closed { continuation.finish() }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return Subscription(id: id, backlog: backlog, stream: stream, pending: pending)
    }

    func unsubscribe(_ id: Int) {
        state.withLock { state in _ = state.subscribers.removeValue(forKey: id) }
    }

    /// Ends one subscription's stream (its client is told nothing more will come).
    func end(_ id: Int) {
        state.withLock { state in state.subscribers.removeValue(forKey: id) }?.continuation.finish()
    }

    /// Sends an SSE comment to every subscriber, so idle connections stay open through
    /// proxies and dead ones are noticed.
    ///
    /// A subscriber that has not taken the earlier messages out of its buffer by now is
    /// dropped like one too slow for an event.
    func heartbeat() {
        let comment = ByteBuffer(string: ": heartbeat\n\n")
        let dropped = state.withLock { state -> [Subscriber] in
            var dropped: [Subscriber] = []
            for (id, subscriber) in state.subscribers {
                let stalled = subscriber.backlog.add(comment.readableBytes) > byteLimit
                if stalled || { if case .dropped = subscriber.continuation.yield(comment) { true } else { false } }() {
                    dropped.append(subscriber)
                    state.subscribers[id] = nil
                }
            }
            return dropped
        }
        for subscriber in dropped {
            metrics?.streamsDropped.increment()
            subscriber.drop()
        }
    }

    /// Ends the streams opened with a token (it was revoked) and closes their connections.
    func disconnect(tokenID: String) {
        let subscribers = state.withLock { state -> [Subscriber] in
            let ids = state.subscribers.filter { $0.value.tokenID == tokenID }.map(\.key)
            return ids.compactMap { state.subscribers.removeValue(forKey: $0) }
        }
        for subscriber in subscribers { subscriber.drop() }
    }

    /// Ends every stream (graceful shutdown); later subscriptions end at once.
    func close() {
        let continuations = state.withLock { state -> [AsyncStream<ByteBuffer>.Continuation] in
            state.closed = true
            defer { state.subscribers.removeAll() }
            return state.subscribers.values.map(\.continuation)
        }
        for continuation in continuations { continuation.finish() }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// The sequence number of the latest event, `nil` before the first.
    var lastSequence: Int? { state.withLock { $0.log.last?.event.sequence } }

    /// The log so far (for the trainer's board and for tests).
    var entries: [Entry] { state.withLock { $0.log } }

    /// The objectives met so far, with when and for how much (for boards).
    var facts: DrillLedger { state.withLock { $0.feed.facts } }
}
