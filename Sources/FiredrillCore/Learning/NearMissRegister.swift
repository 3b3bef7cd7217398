/// The near-miss register ranked as `scenario-format-v1.md` ("Near misses and coverage")
/// defines it, computed from the record alone:
///
/// - **frequency**: 1 + the number of *other* entries that share any of its tags and
///   occurred in the last 90 days;
/// - **impact**: 1–5, as reported;
/// - **staleness**: 1 when a covering scenario (one sharing a tag) had a finished live drill
///   in the last 180 days, 2 when its latest one is older, 3 when none was ever drilled live
///   or none covers it;
/// - **priority** = frequency × impact × staleness.
///
/// Tags compare by ``NearMiss/tagKey(_:)``. Counting the entries that share any tag is done
/// by inclusion–exclusion over the subsets of an entry's tags (at most
/// ``NearMiss/maximumTags``), so a register of 100,000 entries ranks in linear time.
public struct NearMissRegister: Sendable {
    /// A scenario that may cover entries: one of the library's or a bundled one.
    public struct ScenarioTags: Sendable, Hashable {
        public var id: String
        public var title: String
        /// The title in each language the scenario is written in (a bundled scenario comes
        /// in English and Japanese under one id), by language tag.
        public var titles: [String: String]
        public var tags: [String]
        public init(id: String, title: String, titles: [String: String] = [:], tags: [String]) {
            self.id = id
            self.title = title
            self.titles = titles
            self.tags = tags
        }
    }

    /// A scenario covering an entry or a tag, and when it was last drilled live.
    public struct Coverage: Sendable, Hashable, Codable {
        public var scenario: String
        public var title: String
        /// The title by language tag, when the scenario is written in several languages.
        public var titles: [String: String]?
        /// ISO-8601 UTC: the end of its latest finished live drill; `nil` when never drilled live.
        @ExplicitNull public var lastDrilledAt: String?

        public init(scenario: String, title: String, titles: [String: String]? = nil, lastDrilledAt: String?) {
            self.scenario = scenario
            self.title = title
            self.titles = titles
            self.lastDrilledAt = lastDrilledAt
        }

        enum CodingKeys: String, CodingKey {
            case scenario, title, titles, lastDrilledAt = "last_drilled_at"
        }
    }

    /// An entry with its place in the register.
    public struct Ranked: Sendable, Hashable {
        public var entry: NearMiss
        public var frequency: Int
        public var staleness: Int
        public var priority: Int
        public var coveredBy: [Coverage]
    }

    /// A tag of the backlog: its highest entry's priority, its entries (highest first) and
    /// the scenarios that cover it.
    public struct BacklogItem: Sendable, Hashable {
        /// As the earliest entry with it wrote it.
        public var tag: String
        public var priority: Int
        public var entries: [Ranked]
        public var coveredBy: [Coverage]
    }

    public static let frequencyWindowDays = 90
    public static let freshDrillDays = 180

    /// Every entry, highest priority first (then the latest occurrence, then the newest entry).
    public let ranked: [Ranked]
    let coverageByTag: [String: [Coverage]]

    /// - Parameters:
    ///   - lastDrilled: Scenario id → the end (ISO-8601 UTC) of its latest finished live drill.
    ///   - today: The day "the last 90 days" and "the last 180 days" count back from.
    public init(entries: [NearMiss], scenarios: [ScenarioTags], lastDrilled: [String: String], today: CalendarDay) {
        // Scenarios by tag key.
        var coverage: [String: [Coverage]] = [:]
        for scenario in scenarios.sorted(by: { $0.id < $1.id }) {
            let item = Coverage(scenario: scenario.id, title: scenario.title, titles: scenario.titles.count > 1 ? scenario.titles : nil,
                                lastDrilledAt: lastDrilled[scenario.id])
            for key in Set(scenario.tags.map(NearMiss.tagKey)) { coverage[key, default: []].append(item) }
        }
        coverageByTag = coverage

        // Tag keys as small integers; each entry's sorted set of them.
        var tagNumbers: [String: Int32] = [:]
        let tagSets: [[Int32]] = entries.map { entry in
            Array(Set(entry.tags.map { tag in
                let key = NearMiss.tagKey(tag)
                if let number = tagNumbers[key] { return number }
                let number = Int32(tagNumbers.count)
                tagNumbers[key] = number
                return number
            })).sorted()
        }
        let recent: [Bool] = entries.map { entry in
            CalendarDay(entry.occurredOn).map { today - $0 <= Self.frequencyWindowDays } ?? false
        }
        // How many recent entries have every tag of a subset.
        var single = [Int](repeating: 0, count: tagNumbers.count)
        var combined: [[Int32]: Int] = [:]
        for (index, tags) in tagSets.enumerated() where recent[index] {
            for tag in tags { single[Int(tag)] += 1 }
            if tags.count > 1 { Self.forEachSubset(of: tags, minimumSize: 2) { combined[$0, default: 0] += 1 } }
        }

        let freshSince = today - Self.freshDrillDays
        var ranked: [Ranked] = []
        ranked.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let tags = tagSets[index]
            var sharing = 0
            if tags.count == 1 {
                sharing = single[Int(tags[0])]
            } else if tags.count > 1 {
                for tag in tags { sharing += single[Int(tag)] }
                Self.forEachSubset(of: tags, minimumSize: 2) { subset in
                    sharing += (subset.count % 2 == 0 ? -1 : 1) * (combined[subset] ?? 0)
                }
            }
            let frequency = 1 + max(0, sharing - (recent[index] && !tags.isEmpty ? 1 : 0))
            var covering: [String: Coverage] = [:]
            for tag in entry.tags { for item in coverage[NearMiss.tagKey(tag)] ?? [] { covering[item.scenario] = item } }
            let coveredBy = covering.values.sorted { $0.scenario < $1.scenario }
            let latest = coveredBy.compactMap { $0.lastDrilledAt.flatMap { CalendarDay(instant: $0) } }.max()
            let staleness = latest.map { $0 >= freshSince ? 1 : 2 } ?? 3
            ranked.append(Ranked(entry: entry, frequency: frequency, staleness: staleness,
                                 priority: frequency * entry.impact * staleness, coveredBy: coveredBy))
        }
        self.ranked = ranked.sorted {
            ($0.priority, $0.entry.occurredOn, $0.entry.id) > ($1.priority, $1.entry.occurredOn, $1.entry.id)
        }
    }

    /// Tags ranked by their highest entry's priority (then by how many entries have them,
    /// then alphabetically), each with its entries and the scenarios that cover it.
    public var backlog: [BacklogItem] {
        var items: [String: BacklogItem] = [:]
        var order: [String] = []
        // `ranked` is highest first, so each tag's entries come in order; its spelling is that
        // of its earliest entry.
        var spelling: [String: (id: Int64, tag: String)] = [:]
        for item in ranked {
            for tag in item.entry.tags {
                let key = NearMiss.tagKey(tag)
                if spelling[key].map({ item.entry.id < $0.id }) ?? true { spelling[key] = (item.entry.id, tag) }
                if items[key] == nil {
                    items[key] = BacklogItem(tag: tag, priority: item.priority, entries: [], coveredBy: coverageByTag[key] ?? [])
                    order.append(key)
                }
                if items[key]?.entries.last?.entry.id != item.entry.id { items[key]?.entries.append(item) }
            }
        }
        return order.compactMap { key in
            guard var item = items[key] else { return nil }
            item.tag = spelling[key]?.tag ?? item.tag
            return item
        }.sorted { ($0.priority, $0.entries.count) != ($1.priority, $1.entries.count)
            ? ($0.priority, $0.entries.count) > ($1.priority, $1.entries.count)
            : $0.tag < $1.tag
        }
    }

    /// Calls `body` with every subset of `set` (sorted, at most 8 members) of at least
    /// `minimumSize` members, each sorted.
    static func forEachSubset(of set: [Int32], minimumSize: Int, _ body: ([Int32]) -> Void) {
        let count = min(set.count, NearMiss.maximumTags)
        guard count >= minimumSize else { return }
        var subset: [Int32] = []
        subset.reserveCapacity(count)
        for mask in 1..<(1 << count) where mask.nonzeroBitCount >= minimumSize {
            subset.removeAll(keepingCapacity: true)
            for bit in 0..<count where mask & (1 << bit) != 0 { subset.append(set[bit]) }
            body(subset)
        }
    }
}
