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
        /// Its entries, highest first (the first `entriesPerTag` of ``entryCount``).
        public var entries: [Ranked]
        public var entryCount: Int
        public var coveredBy: [Coverage]
    }

    public static let frequencyWindowDays = 90
    public static let freshDrillDays = 180

    /// Every entry, highest priority first (then the latest occurrence, then the newest entry).
    public let ranked: [Ranked]
    /// Each ranked entry's tags, as numbers into ``tagKeys``.
    let rankedTags: [[Int32]]
    /// Tag number → its key (``NearMiss/tagKey(_:)``).
    let tagKeys: [String]
    /// Tag number → the tag as its earliest entry wrote it.
    let spellings: [String]
    /// Tag number → the scenarios that cover it.
    let coverageByTag: [[Coverage]]

    /// - Parameters:
    ///   - lastDrilled: Scenario id → the end (ISO-8601 UTC) of its latest finished live drill.
    ///   - today: The day "the last 90 days" and "the last 180 days" count back from.
    public init(entries: [NearMiss], scenarios: [ScenarioTags], lastDrilled: [String: String], today: CalendarDay) {
        // Tag keys as small integers, each spelling normalised once; each entry's sorted set.
        var numbers: [String: Int32] = [:]
        var bySpelling: [String: Int32] = [:]
        var keys: [String] = []
        func number(_ tag: String) -> Int32 {
            if let known = bySpelling[tag] { return known }
            let key = NearMiss.tagKey(tag)
            let found = numbers[key] ?? {
                let next = Int32(keys.count)
                numbers[key] = next
                keys.append(key)
                return next
            }()
            bySpelling[tag] = found
            return found
        }
        var earliest: [(id: Int64, tag: String)] = []
        let tagSets: [[Int32]] = entries.map { entry in
            let numbers = entry.tags.map(number)
            for (tag, number) in zip(entry.tags, numbers) {
                let slot = Int(number)
                if slot == earliest.count {
                    earliest.append((entry.id, tag))
                } else if entry.id < earliest[slot].id {
                    earliest[slot] = (entry.id, tag)
                }
            }
            switch numbers.count {
            case 0, 1: return numbers
            default: return Array(Set(numbers)).sorted()
            }
        }

        // The scenarios by tag number, for the tags entries have; when each was last drilled.
        var coverage = [[Coverage]](repeating: [], count: keys.count)
        var drilledDay: [String: CalendarDay] = [:]
        for scenario in scenarios.sorted(by: { $0.id < $1.id }) {
            let item = Coverage(scenario: scenario.id, title: scenario.title, titles: scenario.titles.count > 1 ? scenario.titles : nil,
                                lastDrilledAt: lastDrilled[scenario.id])
            if let day = item.lastDrilledAt.flatMap({ CalendarDay(instant: $0) }) { drilledDay[scenario.id] = day }
            for key in Set(scenario.tags.map(NearMiss.tagKey)) {
                if let tag = numbers[key] { coverage[Int(tag)].append(item) }
            }
        }
        coverageByTag = coverage

        let recent: [Bool] = entries.map { entry in
            CalendarDay(entry.occurredOn).map { today - $0 <= Self.frequencyWindowDays } ?? false
        }
        // How many recent entries have every tag of a subset.
        // Subsets of up to three tags (nearly all) are counted under a packed integer key.
        var single = [Int](repeating: 0, count: keys.count)
        var packed: [UInt64: Int] = [:]
        var combined: [[Int32]: Int] = [:]
        for (index, tags) in tagSets.enumerated() where recent[index] {
            for tag in tags { single[Int(tag)] += 1 }
            if tags.count > 1 {
                Self.forEachSubset(of: tags, minimumSize: 2) { subset in
                    if let key = Self.packed(subset) { packed[key, default: 0] += 1 } else { combined[subset, default: 0] += 1 }
                }
            }
        }

        let freshSince = today - Self.freshDrillDays
        // What depends only on an entry's set of tags is worked out once per distinct set.
        struct BySet {
            var sharing: Int
            var coveredBy: [Coverage]
            var staleness: Int
        }
        func bySet(_ tags: [Int32]) -> BySet {
            var sharing = 0
            if tags.count == 1 {
                sharing = single[Int(tags[0])]
            } else if tags.count > 1 {
                for tag in tags { sharing += single[Int(tag)] }
                Self.forEachSubset(of: tags, minimumSize: 2) { subset in
                    let count = Self.packed(subset).map { packed[$0] ?? 0 } ?? combined[subset] ?? 0
                    sharing += (subset.count % 2 == 0 ? -1 : 1) * count
                }
            }
            var coveredBy: [Coverage]
            if tags.count == 1 {
                coveredBy = coverage[Int(tags[0])]
            } else {
                var seen: Set<String> = []
                coveredBy = tags.flatMap { coverage[Int($0)] }.filter { seen.insert($0.scenario).inserted }
                coveredBy.sort { $0.scenario < $1.scenario }
            }
            let latest = coveredBy.compactMap { drilledDay[$0.scenario] }.max()
            return BySet(sharing: sharing, coveredBy: coveredBy, staleness: latest.map { $0 >= freshSince ? 1 : 2 } ?? 3)
        }
        // The figures of each entry first; the entries themselves are copied once, in order.
        var known: [[Int32]: Int] = [:]
        var facts: [BySet] = []
        var setOf = [Int](repeating: 0, count: entries.count)
        var frequency = [Int](repeating: 1, count: entries.count)
        var priority = [Int](repeating: 0, count: entries.count)
        for index in entries.indices {
            let tags = tagSets[index]
            let set: Int
            if let seen = known[tags] {
                set = seen
            } else {
                set = facts.count
                facts.append(bySet(tags))
                known[tags] = set
            }
            setOf[index] = set
            // The entry itself is among those sharing its tags when it is recent.
            frequency[index] = 1 + max(0, facts[set].sharing - (recent[index] && !tags.isEmpty ? 1 : 0))
            priority[index] = frequency[index] * entries[index].impact * facts[set].staleness
        }
        // Occurred days compare as numbers; the newest entry first among equals.
        let occurred = entries.map { CalendarDay($0.occurredOn)?.number ?? Int.min }
        let ids = entries.map(\.id)
        var order = Array(entries.indices)
        order.sort { a, b in (priority[a], occurred[a], ids[a]) > (priority[b], occurred[b], ids[b]) }
        ranked = order.map { index in
            let set = facts[setOf[index]]
            return Ranked(entry: entries[index], frequency: frequency[index], staleness: set.staleness,
                          priority: priority[index], coveredBy: set.coveredBy)
        }
        rankedTags = order.map { tagSets[$0] }
        tagKeys = keys
        spellings = earliest.map(\.tag)
    }

    /// The ranked entries reported in `month` (`yyyy-MM`) and having `tag` (compared as tags
    /// are), each when given; highest priority first.
    public func ranked(month: String?, tag: String?) -> [Ranked] {
        let number = tag.map { key in tagKeys.firstIndex(of: NearMiss.tagKey(key)).map(Int32.init) ?? -1 }
        return ranked.indices.compactMap { index in
            let item = ranked[index]
            if let month, !item.entry.reportedOn.hasPrefix(month) { return nil }
            if let number, !rankedTags[index].contains(number) { return nil }
            return item
        }
    }

    /// Tags ranked by their highest entry's priority (then by how many entries have them,
    /// then alphabetically), each with its entries and the scenarios that cover it.
    public var backlog: [BacklogItem] { backlog(entriesPerTag: .max) }

    /// The backlog with at most `entriesPerTag` entries listed per tag (all are counted).
    public func backlog(entriesPerTag: Int) -> [BacklogItem] {
        // `ranked` is highest first, so each tag's entries come in order; its spelling is that
        // of its earliest entry.
        var members = [[Int]](repeating: [], count: tagKeys.count)
        for index in ranked.indices {
            for tag in rankedTags[index] { members[Int(tag)].append(index) }
        }
        var items: [BacklogItem] = []
        for (number, indices) in members.enumerated() where !indices.isEmpty {
            items.append(BacklogItem(
                tag: spellings[number], priority: ranked[indices[0]].priority,
                entries: indices.prefix(entriesPerTag).map { ranked[$0] }, entryCount: indices.count, coveredBy: coverageByTag[number]
            ))
        }
        return items.sorted { ($0.priority, $0.entryCount) != ($1.priority, $1.entryCount)
            ? ($0.priority, $0.entryCount) > ($1.priority, $1.entryCount)
            : $0.tag < $1.tag
        }
    }

    /// A subset of at most three tag numbers below 2^20, packed into one integer key.
    static func packed(_ subset: [Int32]) -> UInt64? {
        guard subset.count <= 3 else { return nil }
        var key = UInt64(subset.count)
        for number in subset {
            guard number < 1 << 20 else { return nil }
            key = key << 20 | UInt64(number)
        }
        return key
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
