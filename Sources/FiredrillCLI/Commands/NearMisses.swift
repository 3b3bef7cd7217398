import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

extension Firedrill {
    struct NearMisses: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "near-miss",
            abstract: "The near-miss register (ヒヤリハット): report, list by priority, and the backlog that chooses the next drill.",
            discussion: """
            The same records as the server's register (`/near-miss.html`, `/near-misses.html`). \
            An entry's priority is frequency × impact × staleness: frequency is 1 plus the other \
            entries sharing a tag that occurred in the last 90 days; staleness is 1 when a \
            scenario with one of its tags (from the server's library or the bundled ones) was \
            drilled live in the last 180 days, 2 when longer ago, 3 when never or when no \
            scenario covers it. Tags compare by case and width.
            """,
            subcommands: [Add.self, List.self, Backlog.self]
        )
    }
}

extension Firedrill.NearMisses {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a near miss (anonymous unless --name is given).",
            discussion: "An anonymous entry keeps no name and only the day it was recorded."
        )

        @Option(help: "A one-line title (up to 200 characters).")
        var title: String

        @Option(name: .customLong("what"), help: "What happened (up to 4,000 characters).")
        var whatHappened: String

        @Option(name: .customLong("tag"), help: "A tag (repeat for several, at most 8), e.g. --tag newsletter --tag personal-data.")
        var tags: [String] = []

        @Option(help: "Impact, 1 (minor) to 5 (severe).")
        var impact: Int

        @Option(name: .customLong("occurred"), help: "The day it happened, yyyy-MM-dd (default: today).")
        var occurredOn: String?

        @Option(help: "The reporter's name; without it the entry is anonymous.")
        var name: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let today = Firedrill.NearMisses.today()
            let submission: NearMiss.Submission
            do {
                submission = try NearMiss.Submission(
                    title: title, whatHappened: whatHappened, tags: tags, impact: impact,
                    occurredOn: occurredOn ?? today.description, anonymous: name == nil, name: name
                ).validated(today: today)
            } catch {
                // The core names the API's fields; here they are options.
                let options = ["'title'": "--title", "'what_happened'": "--what", "'tags'": "--tag", "'impact'": "--impact",
                               "'occurred_on'": "--occurred", "'name'": "--name"]
                throw CLIError(options.reduce(error.message) { $0.replacingOccurrences(of: $1.key, with: $1.value) })
            }
            let database = try database.open()
            let entry = try store { try database.addNearMiss(submission, reportedOn: today.description) }
            Console.out("near miss \(entry.id) recorded\(entry.name == nil ? " (anonymous)" : "")\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The register, highest priority first.")

        @Option(help: "Only entries with this tag.")
        var tag: String?

        @Option(help: "Only entries reported in this month, yyyy-MM.")
        var month: String?

        @OptionGroup var output: ListOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            if let month, !CalendarDay.isMonth(month) { throw CLIError("--month '\(month.prefix(20))' is not written yyyy-MM") }
            let database = try database.open(.readOnly)
            let register = try store { try NearMissRecords.register(database, today: Firedrill.NearMisses.today()) }
            let pickedMonth = try store { try NearMissRecords.pickedMonths(database) }
            let entries = try store { try NearMissRecords.whole(register.ranked(month: month, tag: tag), in: database) }
                .map { NearMissEntry($0, mostValuableOf: pickedMonth[$0.entry.id]) }
            try output.write(entries, csvHeader: NearMissColumns.header, fields: NearMissColumns.fields) {
                guard !entries.isEmpty else { return "no near misses\n" }
                var rows = [["#", "priority", "= frequency × impact × staleness", "occurred", "tags", "covered by", "title"]]
                for entry in entries {
                    rows.append([
                        "\(entry.id)", "\(entry.priority)", "\(entry.frequency) × \(entry.entry.impact) × \(entry.staleness)", entry.entry.occurredOn,
                        entry.entry.tags.joined(separator: ", "), entry.coveredBy.map(\.scenario).joined(separator: ", "), String(entry.title.prefix(60)),
                    ])
                }
                return table(rows)
            }
        }
    }

    struct Backlog: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tags ranked by their highest entry's priority, with the scenarios that cover them and when each was last drilled live."
        )

        @OptionGroup var output: ListOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let backlog = try store { try NearMissRecords.backlog(NearMissRecords.register(database, today: Firedrill.NearMisses.today()), in: database) }
            try output.write(backlog, csvHeader: ["tag", "priority", "entries", "covered_by", "last_drilled_at"], fields: { item in
                ["\(item.tag)", "\(item.priority)", "\(item.entryCount)", item.coveredBy.map(\.scenario).joined(separator: " "),
                 item.coveredBy.compactMap(\.lastDrilledAt).max() ?? ""]
            }) {
                guard !backlog.isEmpty else { return "no near misses\n" }
                var rows = [["tag", "priority", "entries", "covered by (last drilled live)"]]
                for item in backlog {
                    let covered = item.coveredBy.map { "\($0.scenario) (\($0.lastDrilledAt.map { String($0.prefix(10)) } ?? "never"))" }
                    rows.append([item.tag, "\(item.priority)", "\(item.entryCount)", covered.isEmpty ? "– (no scenario: write one)" : covered.joined(separator: ", ")])
                }
                return table(rows)
            }
        }
    }

    /// Today on this machine's calendar.
    static func today() -> CalendarDay {
        CalendarDay.today
    }
}

/// Near misses as CSV.
enum NearMissColumns {
    static let header = [
        "id", "title", "what_happened", "tags", "impact", "occurred_on", "reported_on", "name", "frequency", "staleness", "priority",
        "covered_by", "most_valuable_of",
    ]

    static func fields(_ entry: NearMissEntry) -> [String] {
        [
            "\(entry.id)", entry.title, entry.entry.whatHappened, entry.entry.tags.joined(separator: "; "), "\(entry.entry.impact)", entry.entry.occurredOn,
            entry.entry.reportedOn, entry.entry.name ?? "", "\(entry.frequency)", "\(entry.staleness)", "\(entry.priority)",
            entry.coveredBy.map(\.scenario).joined(separator: " "), entry.mostValuableOf ?? "",
        ]
    }
}
