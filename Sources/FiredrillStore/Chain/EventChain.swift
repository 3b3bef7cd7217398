import Crypto
import FiredrillCore
import Foundation

/// The hash chain that makes a run's event log tamper-evident.
///
/// Each event is stored with the hash of the one before it and its own hash:
///
/// ```text
/// hash_0 = genesis = hex(SHA256("firedrill-run/2\n" + facts))      (runs recorded since v2)
///                   hex(SHA256("firedrill-run\n" + run_id + "\n" + scenario_sha256))  (older runs)
/// hash_n = hex(SHA256(prev_hash_n + "\n" + canonical_n))
/// ```
///
/// where `canonical_n` is the JSON object `{"drill_ms", "payload", "run_id", "seq", "type",
/// "wall_time"}` encoded by `JSONEncoder` with sorted keys and no whitespace; `payload` is
/// the stored payload text itself (a JSON string), so that any change to its bytes changes
/// the hash. The run's `chain_head` is the hash of its last event. Hex is lowercase.
///
/// The chain detects changes made without recomputing every later hash and the run's head.
/// It is evidence against edits of the file, not a signature: whoever can rewrite the whole
/// file can also rewrite the chain.
public struct EventChain: Sendable, Hashable {
    /// One event as stored, with its place in the chain (read from its stored form: the
    /// canonical form's names, with `prev_hash` and `hash`).
    public struct Link: Sendable, Hashable, Decodable {
        public var sequence: Int
        public var drillMs: Int64
        /// ISO-8601 UTC with milliseconds.
        public var wallTime: String
        public var type: String
        public var payload: String
        public var previousHash: String
        public var hash: String

        enum CodingKeys: String, CodingKey {
            case sequence = "seq", drillMs = "drill_ms", wallTime = "wall_time", type, payload, previousHash = "prev_hash", hash
        }

        package init(sequence: Int, drillMs: Int64, wallTime: String, type: String, payload: String, previousHash: String, hash: String) {
            self.sequence = sequence
            self.drillMs = drillMs
            self.wallTime = wallTime
            self.type = type
            self.payload = payload
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    public let runID: String
    /// The hash the next event links to: the last event's hash, or the genesis hash.
    public private(set) var head: String
    /// The sequence number the next event must have.
    public private(set) var nextSequence: Int

    /// A chain with no event yet, of the first version: its first hash covers the run id and
    /// the scenario hash only.
    public init(runID: String, scenarioSHA256: String) {
        self.runID = runID
        self.head = Self.genesisHash(runID: runID, scenarioSHA256: scenarioSHA256)
        self.nextSequence = 0
    }

    /// A chain with no event yet whose first hash covers the run's facts.
    public init(facts: RunFacts) {
        self.runID = facts.runID
        self.head = Self.genesisHash(facts: facts.canonicalJSON)
        self.nextSequence = 0
    }

    /// A chain continuing after a stored event.
    public init(runID: String, head: String, nextSequence: Int) {
        self.runID = runID
        self.head = head
        self.nextSequence = nextSequence
    }

    /// Links `event`, which must be the next in sequence, stamped with `wallTime`.
    public mutating func append(_ event: DrillEvent, wallTime: String) throws -> Link {
        guard event.sequence == nextSequence else {
            throw StoreError(.sequenceMismatch, """
                run '\(runID)' expects event \(nextSequence) next, not event \(event.sequence); \
                events must be stored in order, without gaps
                """)
        }
        let payload = try Self.payload(of: event)
        let canonical = try Self.canonicalForm(
            runID: runID, sequence: event.sequence, drillMs: event.time.milliseconds,
            wallTime: wallTime, type: event.typeName, payload: payload
        )
        let link = Link(
            sequence: event.sequence, drillMs: event.time.milliseconds, wallTime: wallTime, type: event.typeName,
            payload: payload, previousHash: head, hash: Self.hash(previous: head, canonical: canonical)
        )
        head = link.hash
        nextSequence += 1
        return link
    }
}

// MARK: - The rules

extension EventChain {
    /// The hash the first event links to, binding the chain to its run and scenario (chains
    /// of version 1).
    public static func genesisHash(runID: String, scenarioSHA256: String) -> String {
        sha256Hex("firedrill-run\n" + runID + "\n" + scenarioSHA256)
    }

    /// The hash the first event links to, binding the chain to the run's facts (version 2):
    /// `hex(SHA256("firedrill-run/2\n" + facts))`, `facts` being ``RunFacts/canonicalJSON``.
    public static func genesisHash(facts: String) -> String {
        sha256Hex("firedrill-run/2\n" + facts)
    }

    /// The stored form of an event: its JSON with sorted keys, without whitespace.
    public static func payload(of event: DrillEvent) throws -> String {
        try json(event)
    }

    /// The text an event's hash covers.
    public static func canonicalForm(
        runID: String, sequence: Int, drillMs: Int64, wallTime: String, type: String, payload: String
    ) throws -> String {
        try json(Canonical(runID: runID, seq: sequence, drillMs: drillMs, wallTime: wallTime, type: type, payload: payload))
    }

    /// `hex(SHA256(previous + "\n" + canonical))`.
    public static func hash(previous: String, canonical: String) -> String {
        sha256Hex(previous + "\n" + canonical)
    }

    /// Lowercase hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    private struct Canonical: Encodable {
        var runID: String
        var seq: Int
        var drillMs: Int64
        var wallTime: String
        var type: String
        var payload: String

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", seq, drillMs = "drill_ms", wallTime = "wall_time", type, payload
        }
    }

    /// Configured once: encoding does not change the encoder, so it can be shared.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
