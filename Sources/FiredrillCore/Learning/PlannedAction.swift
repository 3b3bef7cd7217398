import Foundation

/// An item for the improvement plan as a person writes it (HSEEP's columns), checked here and
/// nowhere else, whichever store keeps it and whether it came from the API, the command line
/// or a page: the texts are trimmed, have LF line breaks and follow the rules of any text
/// written into the record (``TextField``); dates are written `yyyy-MM-dd` and the due date
/// is not before the start (each refusal `invalid_action`, its message naming the field). Whether the objective is one the run scored is the store's to
/// check, since only it knows the run.
public struct PlannedAction: Sendable, Hashable {
    public let objectiveID: String?
    public let issue: String
    public let correctiveAction: String
    public let capability: Capability
    public let responsibleOrg: String
    public let responsibleRole: String?
    /// `yyyy-MM-dd`.
    public let startDate: String?
    /// `yyyy-MM-dd`, not before ``startDate``.
    public let dueDate: String?

    public init(
        objectiveID: String? = nil, issue: String, correctiveAction: String, capability: String, responsibleOrg: String,
        responsibleRole: String? = nil, startDate: String? = nil, dueDate: String? = nil
    ) throws(InputError) {
        self.capability = try Capability(validating: capability)
        self.issue = try Self.required(issue, "issue", oneLine: false)
        self.correctiveAction = try Self.required(correctiveAction, "corrective action", oneLine: false)
        self.responsibleOrg = try Self.required(responsibleOrg, "responsible organization", oneLine: true)
        self.responsibleRole = try Self.optional(responsibleRole, "responsible role")
        self.objectiveID = try Self.optional(objectiveID, "objective")
        for (name, day) in [("start date", startDate), ("due date", dueDate)] {
            if let day, CalendarDay(day) == nil {
                throw InputError(.invalid, "invalid_action", "the \(name) '\(day.prefix(20))' is not a date written yyyy-MM-dd")
            }
        }
        if let startDate, let dueDate, dueDate < startDate {
            throw InputError(.invalid, "invalid_action", "the due date \(dueDate) is before the start date \(startDate)")
        }
        self.startDate = startDate
        self.dueDate = dueDate
    }

    /// What closes an item: required, checked like the issue.
    public static func closingEvidence(_ text: String) throws(InputError) -> String {
        try required(text, "closing evidence", oneLine: false)
    }

    private static func required(_ text: String, _ name: String, oneLine: Bool) throws(InputError) -> String {
        let trimmed = TextField.withLineFeeds(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw InputError(.invalid, "invalid_action", "the \(name) is required") }
        if let problem = TextField.problems(trimmed, field: name, oneLine: oneLine, required: true).first {
            throw InputError(.invalid, "invalid_action", problem)
        }
        return trimmed
    }

    private static func optional(_ text: String?, _ name: String) throws(InputError) -> String? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return try required(text, name, oneLine: true)
    }
}
