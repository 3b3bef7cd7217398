import FiredrillCore
import Foundation

/// An item of the improvement plan: an issue seen in a drill and what will be done about it.
public struct CorrectiveAction: Sendable, Hashable, Codable {

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case inProgress = "in-progress"
        case closed
    }

    public var id: Int64
    public var runID: String
    public var objectiveID: String?
    public var issue: String
    public var correctiveAction: String
    public var capability: Capability
    public var responsibleOrg: String
    public var responsibleRole: String?
    /// `yyyy-MM-dd`.
    public var startDate: String?
    /// `yyyy-MM-dd`.
    public var dueDate: String?
    public var status: Status
    public var closingEvidence: String?
    /// ISO-8601 UTC with milliseconds.
    public var closedAt: String?
    /// ISO-8601 UTC with milliseconds.
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id
        case runID = "run_id"
        case objectiveID = "objective_id"
        case issue
        case correctiveAction = "corrective_action"
        case capability
        case responsibleOrg = "responsible_org"
        case responsibleRole = "responsible_role"
        case startDate = "start_date"
        case dueDate = "due_date"
        case status
        case closingEvidence = "closing_evidence"
        case closedAt = "closed_at"
        case createdAt = "created_at"
    }

    /// How well the action would hold (``FiredrillCore/ActionStrength``), from its text.
    public var strength: ActionStrength { ActionStrength.of(correctiveAction) }
    /// How well what closed it would hold, once closed.
    public var evidenceStrength: ActionStrength? { closingEvidence.map(ActionStrength.of) }

    /// The stored columns, and the strengths derived from them (`strength`,
    /// `evidence_strength`), which are never read back.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(runID, forKey: .runID)
        try container.encodeIfPresent(objectiveID, forKey: .objectiveID)
        try container.encode(issue, forKey: .issue)
        try container.encode(correctiveAction, forKey: .correctiveAction)
        try container.encode(capability, forKey: .capability)
        try container.encode(responsibleOrg, forKey: .responsibleOrg)
        try container.encodeIfPresent(responsibleRole, forKey: .responsibleRole)
        try container.encodeIfPresent(startDate, forKey: .startDate)
        try container.encodeIfPresent(dueDate, forKey: .dueDate)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(closingEvidence, forKey: .closingEvidence)
        try container.encodeIfPresent(closedAt, forKey: .closedAt)
        try container.encode(createdAt, forKey: .createdAt)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(strength, forKey: .strength)
        try derived.encodeIfPresent(evidenceStrength, forKey: .evidenceStrength)
    }

    enum DerivedKeys: String, CodingKey {
        case strength
        case evidenceStrength = "evidence_strength"
    }

    /// The action as listed in a report's improvement plan; `today` (`yyyy-MM-dd`) decides
    /// whether it is overdue.
    public func summary(today: String) -> DrillReport.RecordInfo.CorrectiveActionSummary {
        DrillReport.RecordInfo.CorrectiveActionSummary(
            id: id, objective: objectiveID, issue: issue, correctiveAction: correctiveAction,
            capability: capability.rawValue, responsibleOrg: responsibleOrg, responsibleRole: responsibleRole,
            startDate: startDate, dueDate: dueDate, status: status.rawValue, closingEvidence: closingEvidence,
            closedAt: closedAt, overdue: status != .closed && (dueDate.map { $0 < today } ?? false),
            strength: strength.rawValue, evidenceStrength: evidenceStrength?.rawValue
        )
    }
}

/// The rules of a corrective action's status, whichever database keeps it.
extension CorrectiveAction {
    /// Refuses to mark a closed action in progress.
    package func checkCanStart() throws(StoreError) {
        guard status != .closed else { throw StoreError.invalidInput("corrective action \(id) is closed") }
    }

    /// Refuses to close an action twice.
    package func checkCanClose() throws(StoreError) {
        guard status != .closed else {
            throw StoreError.invalidInput("corrective action \(id) is already closed (at \(closedAt ?? "?"))")
        }
    }
}
