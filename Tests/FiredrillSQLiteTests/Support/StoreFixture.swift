import FiredrillCore
import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Synchronization
import Testing

/// The two kinds of database every behavioural test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    /// `AppDatabase.inMemory()`: a DatabaseQueue.
    case inMemory
    /// `AppDatabase.open(path:)` in a temporary directory: a DatabasePool in WAL mode.
    case onDisk

    var testDescription: String { rawValue }
}

/// A temporary directory, removed when released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("firedrill-store-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A database of the given kind, with the directory that holds it when on disk.
struct StoreFixture {
    let database: AppDatabase
    let directory: TemporaryDirectory
    let kind: StoreKind

    init(_ kind: StoreKind) throws {
        self.kind = kind
        directory = try TemporaryDirectory()
        switch kind {
        case .inMemory: database = try AppDatabase.inMemory()
        case .onDisk: database = try AppDatabase.open(path: directory.file("firedrill.sqlite"))
        }
    }

    var path: String { directory.file("firedrill.sqlite") }
}

/// A wall clock that moves one second (plus a millisecond) at each reading, from a fixed instant.
final class SteppingClock: Sendable {
    private let next: Mutex<Date>
    private let step: TimeInterval

    init(start: Date = Fixtures.epoch, step: TimeInterval = 1.001) {
        next = Mutex(start)
        self.step = step
    }

    func now() -> Date {
        next.withLock { date in
            defer { date += step }
            return date
        }
    }

    var closure: @Sendable () -> Date { { [self] in now() } }
}

enum Fixtures {
    /// 2026-11-22T04:01:02.000Z
    static let epoch = Date(timeIntervalSince1970: 1_795_320_062)

    static func day(_ offset: Int) -> Date { epoch.addingTimeInterval(Double(offset) * 86_400) }

    static func scenario(id: String = "db-outage", title: String = "Database outage") -> Scenario {
        Scenario(
            id: id, title: title, duration: .seconds(1800),
            roles: [
                Role(id: "oncall", name: "On-call engineer", department: "SRE"),
                Role(id: "comms", name: "Communications lead", department: "Communications"),
                Role(id: "cto", name: "CTO", persona: Persona(reply: "Keep me posted.")),
            ],
            injects: [
                Inject(id: "alert", to: .roles(["oncall"]), channel: "pager", subject: "DB down", trigger: .at(.seconds(60))),
                Inject(id: "later", to: .all, channel: "chat", subject: "Still down?", trigger: .at(.seconds(310))),
            ],
            objectives: [
                Objective(id: "ack", kind: .acknowledge, from: "alert", target: .seconds(60)),
                Objective(id: "esc", kind: .escalate, target: .seconds(300), weight: 2, to: "cto"),
                Objective(id: "fix", kind: .resolve, target: .seconds(900)),
            ]
        )
    }

    static let source = """
        format: 1
        id: db-outage
        title: Database outage
        # the exact text is stored and hashed: "quotes", ünïcödé, tabs\tand / slashes
        """

    static let participants = [
        Participant(role: "oncall", displayName: "Ada", department: nil),
        Participant(role: "comms", displayName: nil, department: "PR"),
    ]

    /// A whole drill's log: every kind of event, in order.
    static func events() -> [DrillEvent] {
        let kinds: [(Int64, DrillEvent.Kind)] = [
            (0, .started),
            (60_000, .injectDelivered(inject: "alert")),
            (95_250, .action(PlayerAction(role: "oncall", kind: .acknowledge, text: "on it"))),
            (200_000, .action(PlayerAction(role: "oncall", kind: .escalate, text: "db \"primary\" down / failover?", target: "cto", channel: "chat"))),
            (200_000, .personaReply(persona: "cto", to: "oncall", text: "Keep me posted.")),
            (300_000, .paused),
            (300_000, .resumed),
            (310_000, .injectSkipped(inject: "later")),
            (650_500, .action(PlayerAction(role: "comms", kind: .communicate, text: "status page: ünïcödé ✓"))),
            (700_000, .action(PlayerAction(role: "oncall", kind: .resolve, text: ""))),
            (700_000, .ended(.endedByTrainer)),
        ]
        return kinds.enumerated().map { DrillEvent(sequence: $0.offset, time: DrillTime(milliseconds: $0.element.0), kind: $0.element.1) }
    }

    /// `count` synthetic actions numbered from `first`, one per second of drill time.
    static func actions(from first: Int, count: Int, role: String = "oncall") -> [DrillEvent] {
        (first..<(first + count)).map { index in
            index == 0
                ? DrillEvent(sequence: 0, time: .zero, kind: .started)
                : DrillEvent(sequence: index, time: .seconds(Int64(index)), kind: .action(PlayerAction(role: role, kind: .action, text: "step \(index)")))
        }
    }

    /// Records a whole drill and finishes it; returns the run id.
    @discardableResult
    static func recordFinishedRun(
        in database: AppDatabase, scenario: Scenario = Fixtures.scenario(), clock: SteppingClock = SteppingClock(),
        participants: [Participant] = Fixtures.participants
    ) throws -> String {
        let recorder = try database.startRun(
            scenario: scenario, source: source, path: "/drills/\(scenario.id).yaml", interface: .script, speed: nil,
            participants: participants, wallClock: clock.closure
        )
        let events = Fixtures.events()
        try recorder.append(Array(events[0..<3]))
        try recorder.append(Array(events[3...]))
        try recorder.finish(report: DrillReport(scenario: scenario, events: events, mode: .replay))
        return recorder.runID
    }
}

extension Data {
    init(contentsOfFile path: String) throws {
        self = try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// Runs `body` and returns the ``StoreError`` it throws, or `nil`.
func storeError(_ body: () throws -> Void) -> StoreError? {
    do {
        try body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        return StoreError(.cannotOpen, "unexpected error: \(error)")
    }
}
