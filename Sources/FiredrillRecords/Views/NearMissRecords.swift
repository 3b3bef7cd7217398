import FiredrillCore
import FiredrillScenarios
import FiredrillStore
import FiredrillYAML
import Foundation
import Synchronization

/// The near-miss register as the API and the command line give it: the store's entries
/// ranked by ``FiredrillCore/NearMissRegister`` against the scenarios that can cover them
/// (the library's latest versions and the bundled ones) and their latest live drills.
public enum NearMissRecords {
    /// The register as of `today`, ranked over what ranking needs: its entries' titles and
    /// texts are empty until ``whole(_:in:)`` reads those shown.
    public static func register(_ database: any DrillStore, today: CalendarDay) throws -> NearMissRegister {
        NearMissRegister(
            entries: try database.nearMissFacts(), scenarios: try coveringScenarios(database),
            lastDrilled: try database.lastLiveDrills(), today: today
        )
    }

    /// The backlog as the API and the command line give it: at most
    /// ``BacklogTag/maximumEntries`` entries per tag, read whole.
    public static func backlog(_ register: NearMissRegister, in database: any DrillStore) throws -> [BacklogTag] {
        let items = register.backlog(entriesPerTag: BacklogTag.maximumEntries)
        let entries = try database.nearMisses(ids: Array(Set(items.flatMap { $0.entries.map(\.entry.id) })))
        return items.map { item in
            var item = item
            item.entries = item.entries.map { ranked in
                var ranked = ranked
                if let entry = entries[ranked.entry.id] { ranked.entry = entry }
                return ranked
            }
            return BacklogTag(item)
        }
    }

    /// Entry id → the month (`yyyy-MM`) the committee marked it the most valuable near miss of.
    public static func pickedMonths(_ database: any DrillStore) throws -> [Int64: String] {
        Dictionary(try database.mostValuableNearMisses().map { ($0.value, $0.key) }, uniquingKeysWith: max)
    }

    /// `ranked` with each entry read whole (title, text, name), in the same order.
    public static func whole(_ ranked: some Collection<NearMissRegister.Ranked>, in database: any DrillStore) throws -> [NearMissRegister.Ranked] {
        let entries = try database.nearMisses(ids: ranked.map(\.entry.id))
        return ranked.map { item in
            var item = item
            if let entry = entries[item.entry.id] { item.entry = entry }
            return item
        }
    }

    /// The scenarios that can cover entries, by id: the library's latest version of each,
    /// then the bundled ones whose id the library does not have (a bundled scenario in
    /// English and Japanese counts once, with the tags of both).
    public static func coveringScenarios(_ database: any DrillStore) throws -> [NearMissRegister.ScenarioTags] {
        var byID: [String: NearMissRegister.ScenarioTags] = [:]
        for version in try database.latestScenarioVersions() {
            if let tags = libraryTags(version) { byID[version.scenarioID] = tags }
        }
        var bundledByID: [String: NearMissRegister.ScenarioTags] = [:]
        for scenario in bundled where byID[scenario.id] == nil {
            if var existing = bundledByID[scenario.id] {
                existing.tags += scenario.tags
                existing.titles.merge(scenario.titles) { first, _ in first }
                bundledByID[scenario.id] = existing
            } else {
                bundledByID[scenario.id] = scenario
            }
        }
        return byID.merging(bundledByID) { library, _ in library }.values.sorted { $0.id < $1.id }
    }

    static let bundled: [NearMissRegister.ScenarioTags] = {
        let loader = ScenarioLoader()
        // The file named by the id (the English one) first, so its title is the one shown.
        let loaded = BundledScenarios.all().compactMap { entry in loader.load(path: entry.path).scenario.map { (entry.name, $0) } }
        return loaded.sorted { ($0.0 != $0.1.id ? 1 : 0, $0.0) < ($1.0 != $1.1.id ? 1 : 0, $1.0) }
            .map { .init(id: $0.1.id, title: $0.1.title, titles: [$0.1.language: $0.1.title], tags: $0.1.tags) }
    }()

    /// Library versions never change, so their tags are read once per process, by hash.
    static let libraryCache = Mutex<[String: NearMissRegister.ScenarioTags]>([:])

    static func libraryTags(_ version: ScenarioVersion) -> NearMissRegister.ScenarioTags? {
        if let cached = libraryCache.withLock({ $0[version.sha256] }) { return cached }
        guard let scenario = ScenarioLoader().load(data: Data(version.source.utf8), path: "library:\(version.scenarioID)").scenario else { return nil }
        let tags = NearMissRegister.ScenarioTags(id: version.scenarioID, title: scenario.title, titles: [scenario.language: scenario.title], tags: scenario.tags)
        libraryCache.withLock { $0[version.sha256] = tags }
        return tags
    }
}

/// An entry of the register as JSON (`GET /api/v1/near-misses`, `near-miss list --format json`):
/// the entry's own keys (``FiredrillCore/NearMiss``; `name` only when given), then its place in
/// the register.
public struct NearMissEntry: Sendable, Hashable, Encodable {
    public var entry: NearMiss
    public var frequency: Int
    public var staleness: Int
    public var priority: Int
    public var coveredBy: [NearMissRegister.Coverage]
    /// The month (`yyyy-MM`) whose most valuable near miss the committee marked this one as.
    public var mostValuableOf: String?

    public init(_ ranked: NearMissRegister.Ranked, mostValuableOf: String? = nil) {
        entry = ranked.entry
        frequency = ranked.frequency
        staleness = ranked.staleness
        priority = ranked.priority
        coveredBy = ranked.coveredBy
        self.mostValuableOf = mostValuableOf
    }

    public var id: Int64 { entry.id }
    public var title: String { entry.title }

    public func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(staleness, forKey: .staleness)
        try container.encode(priority, forKey: .priority)
        try container.encode(coveredBy, forKey: .coveredBy)
        try container.encodeIfPresent(mostValuableOf, forKey: .mostValuableOf)
    }

    enum CodingKeys: String, CodingKey {
        case frequency, staleness, priority, coveredBy = "covered_by", mostValuableOf = "most_valuable_of"
    }
}

/// A tag of the backlog as JSON (`GET /api/v1/near-misses/backlog`, `near-miss backlog`).
public struct BacklogTag: Sendable, Hashable, Encodable {
    public struct Brief: Sendable, Hashable, Encodable {
        public var id: Int64
        public var title: String
        public var impact: Int
        public var occurredOn: String
        public var priority: Int

        enum CodingKeys: String, CodingKey {
            case id, title, impact, occurredOn = "occurred_on", priority
        }
    }

    public var tag: String
    public var priority: Int
    public var entryCount: Int
    /// The highest entries, at most ``maximumEntries``.
    public var entries: [Brief]
    public var coveredBy: [NearMissRegister.Coverage]

    public static let maximumEntries = 20

    public init(_ item: NearMissRegister.BacklogItem) {
        tag = item.tag
        priority = item.priority
        entryCount = item.entryCount
        entries = item.entries.prefix(Self.maximumEntries).map {
            Brief(id: $0.entry.id, title: $0.entry.title, impact: $0.entry.impact, occurredOn: $0.entry.occurredOn, priority: $0.priority)
        }
        coveredBy = item.coveredBy
    }

    enum CodingKeys: String, CodingKey {
        case tag, priority, entryCount = "entry_count", entries, coveredBy = "covered_by"
    }
}

/// The near misses reported in one month, highest priority first, with the committee's pick.
public struct NearMissDigest: Sendable, Hashable, Encodable {
    public var month: String
    public var count: Int
    /// Tag → how many of the month's entries have it, most first.
    public var tags: [TagCount]
    public var mostValuable: NearMissEntry?
    public var entries: [NearMissEntry]

    public struct TagCount: Sendable, Hashable, Encodable {
        public var tag: String
        public var count: Int
    }

    /// The digest of `month`, its entries read whole from `database`.
    public init(month: String, register: NearMissRegister, picks: [String: Int64], database: any DrillStore) throws {
        self.month = month
        let inMonth = try NearMissRecords.whole(register.ranked.filter { $0.entry.reportedOn.hasPrefix(month) }, in: database)
        count = inMonth.count
        entries = inMonth.map { NearMissEntry($0, mostValuableOf: picks[month] == $0.entry.id ? month : nil) }
        mostValuable = entries.first { $0.mostValuableOf != nil }
        var counts: [String: (tag: String, count: Int)] = [:]
        for item in inMonth {
            for tag in item.entry.tags { counts[NearMiss.tagKey(tag), default: (tag, 0)].count += 1 }
        }
        tags = counts.values.sorted { ($0.count, $1.tag) > ($1.count, $0.tag) }.map { TagCount(tag: $0.tag, count: $0.count) }
    }

    enum CodingKeys: String, CodingKey {
        case month, count, tags, mostValuable = "most_valuable", entries
    }
}
