/// The facts established by a drill's event log so far: which injects were delivered or
/// skipped and when, which objectives were met by which action, and the first action of
/// each kind. The engine keeps one up to date as it runs; a report folds the stored log
/// into a fresh one. Both use this same code, so a report always agrees with the drill.
///
/// Objectives are met by keyword matching and by evaluators' decisions (see
/// ``Adjudication``): a credited action meets its objective whatever it is, a rejected match
/// does not. A ledger made with `adjudicating: false` ignores the decisions: it gives what
/// matching alone made of the same record (the report's `automatic_score`).
public struct DrillLedger: Sendable {
    public let scenario: Scenario
    /// Whether evaluators' decisions count (the default).
    public let adjudicating: Bool
    public private(set) var delivered: [String: DrillTime] = [:]
    public private(set) var skipped: [String: DrillTime] = [:]
    public private(set) var met: [String: Satisfaction] = [:]
    public private(set) var firstAction: [ActionKind: DrillTime] = [:]
    /// When the first inject (scenario or ad-lib) reached the players: detection starts here.
    public private(set) var firstDelivery: DrillTime?
    public private(set) var endTime: DrillTime?
    public private(set) var endReason: DrillEvent.EndReason?
    /// Ad-lib injects delivered so far, by id.
    public private(set) var adlibs: [String: DrillTime] = [:]
    /// The actions so far, in order, with their event's sequence number and drill time.
    public private(set) var actions: [RecordedAction] = []
    /// Each action's text as keywords are matched against it (normalized, UTF-8), computed
    /// once, when first needed.
    private var normalizedTexts: [[UInt8]?] = []
    /// The standing decisions (the latest for each action and objective), by objective.
    public private(set) var decisions: [String: [Int: Adjudication.Decision]] = [:]

    /// How an objective was met: by which action, when.
    public struct Satisfaction: Sendable, Hashable {
        public var time: DrillTime
        public var role: String
        /// The sequence number of the action event.
        public var eventSequence: Int
        /// Met by an evaluator's credit rather than by matching.
        public var credited: Bool
    }

    /// An action of the record, where it stands in it.
    public struct RecordedAction: Sendable, Hashable {
        public var sequence: Int
        public var time: DrillTime
        public var action: PlayerAction
    }

    /// Matchers by objective position in the scenario.
    private let matchers: [ObjectiveMatcher]
    private let objectiveIndex: [String: Int]
    /// Unmet objectives whose clock has started, by kind, in file order: the only ones an
    /// action can meet by matching.
    private var candidates: [ActionKind: [Int]] = [:]
    /// Objectives whose clock starts with an inject not delivered yet, by that inject.
    private var waiting: [String: [Int]] = [:]
    private var actionIndex: [Int: Int] = [:]

    public init(scenario: Scenario, adjudicating: Bool = true) {
        self.scenario = scenario
        self.adjudicating = adjudicating
        matchers = scenario.objectives.map { ObjectiveMatcher(objective: $0, scenario: scenario) }
        objectiveIndex = Dictionary(scenario.objectives.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
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

    /// The first action of each kind that met an objective of that kind, with when (the
    /// effective timing of escalations and actions).
    public var firstEffective: [ActionKind: DrillTime] {
        var first: [ActionKind: DrillTime] = [:]
        for objective in scenario.objectives {
            guard let satisfaction = met[objective.id] else { continue }
            if first[objective.kind].map({ satisfaction.time < $0 }) ?? true { first[objective.kind] = satisfaction.time }
        }
        return first
    }

    /// The recorded action with this event sequence number.
    public func action(sequence: Int) -> RecordedAction? {
        actionIndex[sequence].map { actions[$0] }
    }

    /// The objectives an action meets now (by matching or by credit), in file order.
    public func objectivesMet(byAction sequence: Int) -> [String] {
        scenario.objectives.map(\.id).filter { met[$0]?.eventSequence == sequence }
    }

    /// Whether an action meets an objective by keyword matching alone (kind, role, target,
    /// channel, keywords), apart from timing.
    public func matches(_ action: PlayerAction, objective: String) -> Bool {
        guard let position = objectiveIndex[objective] else { return false }
        return matchers[position].accepts(action, normalizedText: Array(TextMatching.normalize(action.text).utf8))
    }

    /// Records one event. Returns the objectives the event newly met, in file order.
    @discardableResult
    public mutating func apply(_ event: DrillEvent) -> [String] {
        switch event.kind {
        case .injectDelivered(let inject):
            if firstDelivery == nil { firstDelivery = event.time }
            if delivered[inject] == nil {
                delivered[inject] = event.time
                let started = waiting.removeValue(forKey: inject) ?? []
                startClocks(of: started)
                // A credit given before the objective's clock started counts once it runs.
                return started.compactMap { recompute(scenario.objectives[$0].id) ? scenario.objectives[$0].id : nil }
            }
        case .adlibInject(let inject):
            if firstDelivery == nil { firstDelivery = event.time }
            adlibs[inject.id] = event.time
        case .injectSkipped(let inject):
            if skipped[inject] == nil { skipped[inject] = event.time }
        case .action(let action):
            if firstAction[action.kind] == nil { firstAction[action.kind] = event.time }
            actionIndex[event.sequence] = actions.count
            actions.append(RecordedAction(sequence: event.sequence, time: event.time, action: action))
            normalizedTexts.append(nil)
            return satisfy(with: action, at: event.time, sequence: event.sequence)
        case .adjudication(let adjudication):
            guard adjudicating, actionIndex[adjudication.action] != nil, objectiveIndex[adjudication.objective] != nil else { return [] }
            decisions[adjudication.objective, default: [:]][adjudication.action] = adjudication.decision
            return recompute(adjudication.objective) ? [adjudication.objective] : []
        case .ended(let reason):
            endTime = event.time
            endReason = reason
        case .started, .personaReply, .observation, .paused, .interrupted, .resumed, .surveyAnswer, .quizAnswer, .speedChanged, .clockAdvanced:
            break
        }
        return []
    }

    /// Makes objectives candidates, keeping each kind's list in file order.
    private mutating func startClocks(of positions: [Int]) {
        for position in positions where met[scenario.objectives[position].id] == nil {
            insertCandidate(position)
        }
    }

    private mutating func insertCandidate(_ position: Int) {
        let kind = scenario.objectives[position].kind
        var list = candidates[kind, default: []]
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < position { low = middle + 1 } else { high = middle }
        }
        if low < list.count, list[low] == position { return }
        list.insert(position, at: low)
        candidates[kind] = list
    }

    private mutating func removeCandidate(_ position: Int) {
        let kind = scenario.objectives[position].kind
        candidates[kind]?.removeAll { $0 == position }
    }

    private mutating func satisfy(with action: PlayerAction, at time: DrillTime, sequence: Int) -> [String] {
        guard let list = candidates[action.kind], !list.isEmpty else { return [] }
        var newlyMet: [String] = []
        var remaining: [Int] = []
        remaining.reserveCapacity(list.count)
        let normalizedText = normalizedText(of: normalizedTexts.count - 1)
        for position in list {
            let matcher = matchers[position]
            if let start = clockStart(of: matcher.objective), time >= start,
               matcher.accepts(action, normalizedText: normalizedText) {
                met[matcher.objective.id] = Satisfaction(time: time, role: action.role, eventSequence: sequence, credited: false)
                newlyMet.append(matcher.objective.id)
            } else {
                remaining.append(position)
            }
        }
        if !newlyMet.isEmpty { candidates[action.kind] = remaining }
        return newlyMet
    }

    /// Works out again which action meets `objective` under the standing decisions: the first
    /// action, in order, that is credited, or that matches at or after the objective's clock
    /// start and is not rejected. Returns whether the objective is newly met.
    private mutating func normalizedText(of index: Int) -> [UInt8] {
        if let text = normalizedTexts[index] { return text }
        let text = Array(TextMatching.normalize(actions[index].action.text).utf8)
        normalizedTexts[index] = text
        return text
    }

    /// The index of the first action at or after `time` (actions are in time order).
    private static func firstAction(at time: DrillTime, in actions: [RecordedAction]) -> Int {
        var low = 0, high = actions.count
        while low < high {
            let middle = (low + high) / 2
            if actions[middle].time < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func recompute(_ objective: String) -> Bool {
        guard let position = objectiveIndex[objective] else { return false }
        let decided = decisions[objective] ?? [:]
        let wasMet = met[objective] != nil
        let start = clockStart(of: scenario.objectives[position])
        // Actions are in time order: only those from the clock start on can match, and a
        // credited one counts wherever it stands. The first of either, in order, meets it.
        var found: Satisfaction? = nil
        if let start {
            var first = actions.count
            for sequence in decided.keys where decided[sequence] == .credit {
                if let index = actionIndex[sequence], index < first { first = index }
            }
            var index = Self.firstAction(at: start, in: actions)
            while index < first {
                let recorded = actions[index]
                if decided[recorded.sequence] == nil, matchers[position].accepts(recorded.action, normalizedText: normalizedText(of: index)) {
                    first = index
                    break
                }
                index += 1
            }
            if first < actions.count {
                let recorded = actions[first]
                found = Satisfaction(time: recorded.time, role: recorded.action.role, eventSequence: recorded.sequence, credited: decided[recorded.sequence] == .credit)
            }
        }
        met[objective] = found
        if found != nil {
            removeCandidate(position)
        } else if start != nil {
            insertCandidate(position)
        }
        return !wasMet && found != nil
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
