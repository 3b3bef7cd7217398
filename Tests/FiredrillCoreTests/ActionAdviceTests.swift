import Testing
@testable import FiredrillCore

/// A report that names another role is asked back as an escalation to it.
@Suite("Asking back")
struct ActionAdviceTests {
    var scenario: Scenario {
        var scenario = Fixtures.certificate()
        scenario.roles.append(Role(id: "cfo", name: "経理部長（石川）", persona: Persona(channels: ["phone", "email"], reply: "了解")))
        return scenario
    }

    @Test("「石川部長に電話で報告しました」 pressed as a report suggests an escalation to that role by phone")
    func reportNamingARole() throws {
        let action = PlayerAction(role: "ops", kind: .report, text: "経理部長に電話で報告しました")
        let suggestion = try #require(ActionAdvice.suggestion(for: action, in: scenario))
        #expect(suggestion.kind == .escalate && suggestion.target == "cfo" && suggestion.channel == "phone")
        #expect(suggestion.applied(to: action) == PlayerAction(role: "ops", kind: .escalate, text: action.text, target: "cfo", channel: "phone"))
        let byName = try #require(ActionAdvice.suggestion(for: PlayerAction(role: "ops", kind: .report, text: "石川さんにメールしました"), in: scenario))
        #expect(byName.target == "cfo" && byName.channel == "email")
    }

    @Test("a report that names nobody, or an action of another kind, is left as it is")
    func nothingToAsk() {
        #expect(ActionAdvice.suggestion(for: PlayerAction(role: "ops", kind: .report, text: "報告書 INC-1234 を提出"), in: scenario) == nil)
        #expect(ActionAdvice.suggestion(for: PlayerAction(role: "ops", kind: .communicate, text: "経理部長に共有"), in: scenario) == nil)
        #expect(ActionAdvice.suggestion(for: PlayerAction(role: "ops", kind: .report, text: "supervisor informed"), in: scenario)?.target == "boss")
    }
}
