import Foundation

/// A near miss (ヒヤリハット): something that almost went wrong, reported by anyone in the
/// organisation so that it chooses the next drill. An anonymous entry has no name, and
/// nothing else that could lead back to its author is kept: no token, no address, no time
/// of day (only the day it was reported).
public struct NearMiss: Sendable, Hashable, Codable {
    public var id: Int64
    public var title: String
    public var whatHappened: String
    /// As written by the reporter; they compare by ``NearMiss/tagKey(_:)``.
    public var tags: [String]
    /// 1 (minor) to 5 (severe).
    public var impact: Int
    /// `yyyy-MM-dd`.
    public var occurredOn: String
    /// The reporter's name when they chose to give it; `nil` for an anonymous report.
    public var name: String?
    /// `yyyy-MM-dd`: the day it was recorded (the month of the digest it belongs to).
    public var reportedOn: String

    public init(id: Int64, title: String, whatHappened: String, tags: [String], impact: Int, occurredOn: String, name: String?, reportedOn: String) {
        self.id = id
        self.title = title
        self.whatHappened = whatHappened
        self.tags = tags
        self.impact = impact
        self.occurredOn = occurredOn
        self.name = name
        self.reportedOn = reportedOn
    }

    enum CodingKeys: String, CodingKey {
        case id, title, whatHappened = "what_happened", tags, impact, occurredOn = "occurred_on", name, reportedOn = "reported_on"
    }

    // MARK: Tags

    /// What a tag compares by: Unicode compatibility form (full-width letters and digits as
    /// ASCII, half-width kana as full-width), trimmed, lower case. `ＮＥＷＳＬＥＴＴＥＲ` and
    /// `Newsletter` are both `newsletter`.
    public static func tagKey(_ tag: String) -> String {
        tag.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces).lowercased()
    }

    // MARK: Limits

    public static let maximumTitleLength = 200
    public static let maximumTextLength = 4_000
    public static let maximumTags = 8
    public static let maximumTagLength = 40
    public static let impactRange = 1...5

    /// A near miss as submitted, before it has an id: checked by ``validated(today:)``, the
    /// only gate for what the register stores (the API, the command line and the pages). It
    /// is also the API's request body (`POST /api/v1/near-misses`): `tags` may be left out
    /// (none) and `anonymous` too (anonymous).
    public struct Submission: Sendable, Hashable, Codable {
        public var title: String
        public var whatHappened: String
        public var tags: [String]
        public var impact: Int
        public var occurredOn: String
        /// Anonymous unless the reporter says otherwise.
        public var anonymous: Bool
        public var name: String?

        public init(title: String, whatHappened: String, tags: [String], impact: Int, occurredOn: String, anonymous: Bool = true, name: String? = nil) {
            self.title = title
            self.whatHappened = whatHappened
            self.tags = tags
            self.impact = impact
            self.occurredOn = occurredOn
            self.anonymous = anonymous
            self.name = name
        }

        enum CodingKeys: String, CodingKey {
            case title, whatHappened = "what_happened", tags, impact, occurredOn = "occurred_on", anonymous, name
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                title: try container.decode(String.self, forKey: .title),
                whatHappened: try container.decode(String.self, forKey: .whatHappened),
                tags: try container.decodeIfPresent([String].self, forKey: .tags) ?? [],
                impact: try container.decode(Int.self, forKey: .impact),
                occurredOn: try container.decode(String.self, forKey: .occurredOn),
                anonymous: try container.decodeIfPresent(Bool.self, forKey: .anonymous) ?? true,
                name: try container.decodeIfPresent(String.self, forKey: .name)
            )
        }

        /// The submission in the form stored (texts trimmed, line breaks as LF, tags without
        /// repeats), or the first problem, naming the field and what to do.
        ///
        /// - Parameter today: The reporter's today; a near miss cannot have happened after
        ///   it (one day of leeway for time zones).
        public func validated(today: CalendarDay) throws(InputError) -> Submission {
            func refuse(_ field: String, _ message: String) -> InputError {
                InputError(.invalid, "invalid_near_miss", "'\(field)': \(message)")
            }
            func text(_ value: String, _ field: String, limit: Int, oneLine: Bool) throws(InputError) -> String {
                let value = TextField.withLineFeeds(value).trimmingCharacters(in: .whitespacesAndNewlines)
                if value.isEmpty { throw refuse(field, "write a few words; it is required") }
                if value.count > limit { throw refuse(field, "\(value.count) characters; the limit is \(limit)") }
                if let bad = ControlCharacters.firstForbidden(in: value, allowingNewlines: !oneLine) {
                    throw refuse(field, "contains the control character \(bad.name) at character \(bad.offset); type plain text")
                }
                return value
            }
            var valid = self
            valid.title = try text(title, "title", limit: NearMiss.maximumTitleLength, oneLine: true)
            valid.whatHappened = try text(whatHappened, "what_happened", limit: NearMiss.maximumTextLength, oneLine: false)
            if tags.count > NearMiss.maximumTags * 4 { throw refuse("tags", "at most \(NearMiss.maximumTags) tags") }
            var keys: Set<String> = []
            valid.tags = []
            for tag in tags {
                let tag = try text(tag, "tags", limit: NearMiss.maximumTagLength, oneLine: true)
                if keys.insert(NearMiss.tagKey(tag)).inserted { valid.tags.append(tag) }
            }
            if valid.tags.count > NearMiss.maximumTags {
                throw refuse("tags", "\(valid.tags.count) tags; at most \(NearMiss.maximumTags)")
            }
            guard NearMiss.impactRange.contains(impact) else {
                throw refuse("impact", "\(impact) is not 1 (minor) to 5 (severe)")
            }
            guard let day = CalendarDay(occurredOn) else {
                throw refuse("occurred_on", "'\(occurredOn.prefix(20))' is not a date written yyyy-MM-dd")
            }
            if day > today + 1 { throw refuse("occurred_on", "\(occurredOn) is in the future") }
            if anonymous {
                if let name, !name.allSatisfy(\.isWhitespace) {
                    throw refuse("name", "an anonymous report has no name: leave the name out, or set anonymous to false")
                }
                valid.name = nil
            } else {
                guard let name else { throw refuse("name", "a report that is not anonymous gives the reporter's name") }
                do throws(InputError) { valid.name = try Participant.validName(name) } catch { throw refuse("name", error.message) }
            }
            return valid
        }
    }
}
