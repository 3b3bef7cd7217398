import Testing
import FiredrillCore

/// An item for the improvement plan is checked by the core alone: every store keeps what
/// passed, and every adapter shows the same message.
@Suite("An item for the improvement plan")
struct PlannedActionTests {
    func refusal(
        objective: String? = nil, issue: String = "i", action: String = "a", capability: String = "Planning",
        org: String = "o", role: String? = nil, start: String? = nil, due: String? = nil
    ) -> InputError? {
        do {
            _ = try PlannedAction(
                objectiveID: objective, issue: issue, correctiveAction: action, capability: capability,
                responsibleOrg: org, responsibleRole: role, startDate: start, dueDate: due
            )
            return nil
        } catch {
            return error
        }
    }

    @Test("what is refused, each with one code and a message naming the field")
    func refusals() {
        let capability = refusal(capability: "Trainig")
        #expect(capability?.code == "invalid_action")
        #expect(capability?.kind == .invalid)
        #expect(capability?.message.contains("unknown capability 'Trainig'") == true)
        #expect(capability?.message.contains("did you mean 'Training'") == true)
        #expect(capability?.message.contains("Planning, Organization, Equipment, Training, Exercise") == true)
        #expect(refusal(issue: "   ")?.message == "the issue is required")
        #expect(refusal(action: "")?.message == "the corrective action is required")
        #expect(refusal(org: "")?.message == "the responsible organization is required")
        #expect(refusal(due: "2026-02-30")?.message.contains("yyyy-MM-dd") == true)
        #expect(refusal(start: "26-1-1")?.message.contains("start date") == true)
        #expect(refusal(start: "2026-12-02", due: "2026-12-01")?.message.contains("before the start date") == true)
        // Text written into the record follows the rules of every other text: no escape
        // sequences, no line breaks in one-line fields, within the length limits.
        #expect(refusal(action: "Clear \u{1B}[2J the screen")?.message.contains("U+001B (ESC)") == true)
        #expect(refusal(issue: "bell\u{07}")?.message.contains("U+0007 (BEL)") == true)
        #expect(refusal(org: "Support\nteam")?.message.contains("U+000A (LF)") == true)
        #expect(refusal(role: "on\ncall")?.message.contains("U+000A (LF)") == true)
        #expect(refusal(issue: String(repeating: "x", count: 20_001))?.message.contains("the limit is 20000") == true)
        #expect(refusal() == nil)
    }

    @Test("what is kept: trimmed texts with LF line breaks, any letter case of a capability, blank optional fields as none")
    func normalised() throws {
        let plan = try PlannedAction(
            objectiveID: "  ", issue: "  first\r\nsecond\rthird ", correctiveAction: "手順書に追記する", capability: "eXeRcIsE",
            responsibleOrg: " 運用部 ", responsibleRole: "", startDate: "2026-12-01", dueDate: "2026-12-01"
        )
        #expect(plan.issue == "first\nsecond\nthird")
        #expect(plan.capability == .exercise)
        #expect(try Capability(validating: " training ") == .training)
        #expect(throws: InputError.self) { try Capability(validating: "Money") }
        #expect(plan.responsibleOrg == "運用部")
        #expect(plan.objectiveID == nil)
        #expect(plan.responsibleRole == nil)
        #expect(plan.dueDate == "2026-12-01")
        #expect(throws: InputError(.invalid, "invalid_action", "the closing evidence is required")) { try PlannedAction.closingEvidence(" \n ") }
        #expect(try PlannedAction.closingEvidence(" 研修を実施した ") == "研修を実施した")
    }
}
