import FiredrillCore
import Foundation

/// The rules of the near-miss register, whichever database keeps it: what is checked before
/// a submission is stored, how its fields are stored and read back, and the refusals. A
/// backend only reads and writes the rows.
package enum StoredNearMiss {
    /// The submission as stored: reported on `reportedOn` (`yyyy-MM-dd`) and checked by the
    /// core once more (``FiredrillCore/NearMiss/Submission/validated(today:)``), so that
    /// nothing unchecked reaches the register, whoever calls.
    package static func checked(_ submission: NearMiss.Submission, reportedOn: String) throws(StoreError) -> NearMiss.Submission {
        guard let day = CalendarDay(reportedOn) else {
            throw StoreError.invalidInput("the report day '\(reportedOn.prefix(20))' is not a date written yyyy-MM-dd")
        }
        do { return try submission.validated(today: day) } catch { throw StoreError.invalidInput(error.message) }
    }

    /// The `name` column: none for an anonymous report.
    package static func storedName(_ valid: NearMiss.Submission) -> String? {
        valid.anonymous ? nil : valid.name
    }

    /// The `tags` column: one tag a line.
    package static func storedTags(_ tags: [String]) -> String {
        tags.joined(separator: "\n")
    }

    /// The tags of a stored `tags` column.
    package static func tags(stored: String) -> [String] {
        stored.isEmpty ? [] : stored.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The entry a checked submission became, with the id the database gave it.
    package static func entry(id: Int64, _ valid: NearMiss.Submission, reportedOn: String) -> NearMiss {
        NearMiss(
            id: id, title: valid.title, whatHappened: valid.whatHappened, tags: valid.tags, impact: valid.impact,
            occurredOn: valid.occurredOn, name: storedName(valid), reportedOn: reportedOn
        )
    }

    /// An entry as read back from its columns (`tags` as stored).
    package static func entry(
        id: Int64, title: String, whatHappened: String, tags: String, impact: Int, occurredOn: String, name: String?, reportedOn: String
    ) -> NearMiss {
        NearMiss(
            id: id, title: title, whatHappened: whatHappened, tags: Self.tags(stored: tags), impact: impact,
            occurredOn: occurredOn, name: name, reportedOn: reportedOn
        )
    }

    /// What ranking needs of a stored entry only: the title and text empty, the name absent.
    package static func facts(id: Int64, tags: String, impact: Int, occurredOn: String, reportedOn: String) -> NearMiss {
        entry(id: id, title: "", whatHappened: "", tags: tags, impact: impact, occurredOn: occurredOn, name: nil, reportedOn: reportedOn)
    }

    /// Refuses a month not written `yyyy-MM`.
    package static func checkMonth(_ month: String) throws(StoreError) {
        guard CalendarDay.isMonth(month) else {
            throw StoreError.invalidInput("the month '\(month.prefix(20))' is not written yyyy-MM")
        }
    }

    /// A pick names an entry the register does not have.
    package static func notFound(_ id: Int64) -> StoreError {
        StoreError.invalidInput("there is no near miss \(id)")
    }
}
