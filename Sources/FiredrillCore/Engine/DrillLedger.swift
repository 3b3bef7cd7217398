/// The facts established by a drill's event log so far: which injects were delivered or
/// skipped and when, which objectives were met by which action, and the first action of
/// each kind. The engine keeps one up to date as it runs; a report folds the stored log
/// into a fresh one. Both use this same code, so a report always agrees with the drill.
public struct DrillLedger: Sendable {
    public let scenario: Scenario
    public private(set) var delivered: [String: DrillTime] = [:]
    public private(set) var skipped: [String: DrillTime] = [:]
    public private(set) var met: [String: Satisfaction] = [:]
    public private(set) var firstAction: [ActionKind: DrillTime] = [:]
    /// When the first inject (scenario or ad-lib) reached the players: detection starts here.
    public private(set) var firstDelivery: DrillTime?
    /// The first action of each kind that met an objective of that kind, with when.
    public private(set) var firstEffective: [ActionKind: DrillTime] = [:]
    public private(set) var endTime: DrillTime?
    public private(set) var endReason: DrillEvent.EndReason?

    /// How an objective was met: by which action, when.
    public struct Satisfaction: Sendable, Hashable {
        public var time: DrillTime
        public var role: String
        /// The sequence number of the action event.
        public var eventSequence: Int
    }

    /// Matchers by objective position in the scenario.
    private let matchers: [ObjectiveMatcher]
    /// Unmet objectives whose clock has started, by kind, in file order: the only ones an
    /// action can meet.
    private var candidates: [ActionKind: [Int]] = [:]
    /// Objectives whose clock starts with an inject not delivered yet, by that inject.
    private var waiting: [String: [Int]] = [:]

    public init(scenario: Scenario) {
        self.scenario = scenario
        matchers = scenario.objectives.map { ObjectiveMatcher(objective: $0, scenario: scenario) }
        for (position, objective) in scenario.objectives.enumerated() {
            if let from = objective.from {
                waiting[from, default: []].append(position)
            } else {
                candidates[objective.kind, default: []].append(position)
            }
        }
    }

    public func isDelivered(_ inject: String) -> Bool { delivered[inject] != nil }
    public func isMet(_ objective: String) -> Bool { met[objective] != nil }

    /// When an objective's clock started, or `nil` while its `from` inject is undelivered.
    public func clockStart(of objective: Objective) -> DrillTime? {
        guard let from = objective.from else { return .zero }
        return delivered[from]
    }

    /// Records one event. Returns the objectives the event met, in file order.
    @discardableResult
    public mutating func apply(_ event: DrillEvent) -> [String] {
        switch event.kind {
        case .injectDelivered(let inject):
            if firstDelivery == nil { firstDelivery = event.time }
            if delivered[inject] == nil {
                delivered[inject] = event.time
                startClocks(of: waiting.removeValue(forKey: inject) ?? [])
            }
        case .adlibInject:
            if firstDelivery == nil { firstDelivery = event.time }
        case .injectSkipped(let inject):
            if skipped[inject] == nil { skipped[inject] = event.time }
        case .action(let action):
            if firstAction[action.kind] == nil { firstAction[action.kind] = event.time }
            let newlyMet = satisfy(with: action, at: event.time, sequence: event.sequence)
            if !newlyMet.isEmpty, firstEffective[action.kind] == nil { firstEffective[action.kind] = event.time }
            return newlyMet
        case .ended(let reason):
            endTime = event.time
            endReason = reason
        case .started, .personaReply, .observation, .paused, .interrupted, .resumed, .surveyAnswer:
            break
        }
        return []
    }

    /// Makes objectives candidates, keeping each kind's list in file order.
    private mutating func startClocks(of positions: [Int]) {
        for position in positions {
            let kind = scenario.objectives[position].kind
            var list = candidates[kind, default: []]
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                if list[middle] < position { low = middle + 1 } else { high = middle }
            }
            list.insert(position, at: low)
            candidates[kind] = list
        }
    }

    private mutating func satisfy(with action: PlayerAction, at time: DrillTime, sequence: Int) -> [String] {
        guard let list = candidates[action.kind], !list.isEmpty else { return [] }
        var newlyMet: [String] = []
        var remaining: [Int] = []
        remaining.reserveCapacity(list.count)
        let normalizedText = Array(TextMatching.normalize(action.text).utf8)
        for position in list {
            let matcher = matchers[position]
            if let start = clockStart(of: matcher.objective), time >= start,
               matcher.accepts(action, normalizedText: normalizedText) {
                met[matcher.objective.id] = Satisfaction(time: time, role: action.role, eventSequence: sequence)
                newlyMet.append(matcher.objective.id)
            } else {
                remaining.append(position)
            }
        }
        if !newlyMet.isEmpty { candidates[action.kind] = remaining }
        return newlyMet
    }
}

/// Decides whether an action meets an objective, apart from timing.
struct ObjectiveMatcher: Sendable {
    let objective: Objective
    let roles: Set<String>
    let channels: Set<String>?
    /// Normalized keywords as UTF-8 bytes.
    let keywords: [[UInt8]]

    init(objective: Objective, scenario: Scenario) {
        self.objective = objective
        roles = Set(objective.by ?? scenario.playerRoles.map(\.id))
        if let via = objective.via {
            channels = Set(via)
        } else if let target = objective.to, let accepted = scenario.role(target)?.persona?.channels {
            channels = Set(accepted)
        } else {
            channels = nil
        }
        keywords = objective.match.map { Array(TextMatching.normalize($0).utf8) }.filter { !$0.isEmpty }
    }

    /// `normalizedText` is the action's text through ``TextMatching/normalize(_:)``, as UTF-8.
    func accepts(_ action: PlayerAction, normalizedText: [UInt8]) -> Bool {
        guard action.kind == objective.kind, roles.contains(action.role) else { return false }
        if objective.kind == .escalate {
            guard action.target == objective.to else { return false }
            let channel = action.channel ?? ActionCommand.defaultChannel
            if let channels, !channels.contains(channel) { return false }
        }
        if keywords.isEmpty { return true }
        return keywords.contains { TextMatching.contains(normalizedText, $0) }
    }
}

/// Case- and width-insensitive keyword matching ("PDF", "pdf" and "ＰＤＦ" are the same).
public enum TextMatching {
    /// Whether `needle` occurs in `haystack`, both normalized UTF-8. (A byte search: the
    /// standard library's `contains` builds a search table per call, which made long drills
    /// with many keyword objectives slow.)
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    public static func normalize(_ text: String) -> String {
        normalizeWidth(text).lowercased()
    }

    /// Full-width ASCII forms (U+FF01…U+FF5E, as a Japanese input method types them) to
    /// their ASCII counterparts, and the ideographic space to a space: `ａｃｋ` is `ack`.
    public static func normalizeWidth(_ text: String) -> String {
        // Full-width forms start with the UTF-8 byte 0xEF, the ideographic space with 0xE3.
        guard text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }),
              text.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 })
        else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(ascii)
            } else if scalar.value == 0x3000 {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
