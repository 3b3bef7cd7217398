import FiredrillCore
import Foundation

/// The facts of a run that its hash chain covers: what was played (scenario hash), how
/// (mode, interface, speed), when it started, and which roles were played by which
/// departments. They are fixed when the first event is stored, written to the run row as
/// canonical JSON, and hashed into the chain's first link, so `verify` catches a changed
/// mode, speed, start or scenario.
///
/// Participants' names are not facts of the chain: they are personal data that may have to
/// be erased, and reports never show them.
public struct RunFacts: Sendable, Hashable, Codable {

    /// Every field, as the store's backends fill it.
    package init(
        runID: String, scenarioID: String, scenarioSHA256: String, mode: DrillMode, interface: RunInterface, speed: Double? = nil, startedAt: String, roles: [DrillReport.RecordInfo.PlayedRole]
    ) {
        self.runID = runID
        self.scenarioID = scenarioID
        self.scenarioSHA256 = scenarioSHA256
        self.mode = mode
        self.interface = interface
        self.speed = speed
        self.startedAt = startedAt
        self.roles = roles
    }
    public var runID: String
    public var scenarioID: String
    public var scenarioSHA256: String
    public var mode: DrillMode
    public var interface: RunInterface
    public var speed: Double?
    public var startedAt: String
    public var roles: [DrillReport.RecordInfo.PlayedRole]

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", scenarioID = "scenario_id", scenarioSHA256 = "scenario_sha256", mode, interface, speed
        case startedAt = "started_at", roles
    }

    /// The canonical JSON: sorted keys, no whitespace.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    public static func decode(_ json: String) -> RunFacts? {
        try? JSONDecoder().decode(RunFacts.self, from: Data(json.utf8))
    }
}

/// How a terminal run is played, kept so that `resume` plays it the same way.
public struct RunOptions: Sendable, Hashable, Codable {
    /// Where the reports are written.
    public var outDirectory: String?
    /// The roles played at the terminal.
    public var roles: [String]?

    public init(outDirectory: String? = nil, roles: [String]? = nil) {
        self.outDirectory = outDirectory
        self.roles = roles
    }

    enum CodingKeys: String, CodingKey {
        case outDirectory = "out", roles
    }

    package var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    static func decode(_ json: String?) -> RunOptions {
        json.flatMap { try? JSONDecoder().decode(RunOptions.self, from: Data($0.utf8)) } ?? RunOptions()
    }
}

extension StoredRun {
    /// The run's options (empty when none were kept).
    public var runOptions: RunOptions { RunOptions.decode(options) }
}
