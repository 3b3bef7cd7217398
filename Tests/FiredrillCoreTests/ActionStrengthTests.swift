import Testing
@testable import FiredrillCore

/// Corrective-action strength: the contract's wording in English and Japanese, the strongest
/// wording present deciding, and a suggestion only for weak actions.
@Suite("Corrective-action strength")
struct ActionStrengthTests {
    @Test("the contract's examples get their levels", arguments: [
        ("Automate the comparison of the attachment with the approved version", ActionStrength.strong),
        ("Eliminate the manual upload step", .strong),
        ("Remove the manual copy between the two systems", .strong),
        ("配信前の添付ファイル照合を自動化する", .strong),
        ("紙の承認票を廃止する", .strong),
        ("リンク確認を仕組み化する", .strong),
        ("Add the attachment check to the release checklist", .medium),
        ("Use a template for customer notices", .medium),
        ("Two-person review before sending", .medium),
        ("配信前チェックリストに照合手順を追加", .medium),
        ("送信前にダブルチェックを行う", .medium),
        ("Be careful when attaching files", .weak),
        ("Remind everyone to check the app after a release", .weak),
        ("Retrain the support desk", .weak),
        ("Pay attention to the sender address", .weak),
        ("添付ファイルに注意する", .weak),
        ("送信前に気をつける", .weak),
        ("確認を徹底する", .weak),
        ("手順を全員に周知する", .weak),
        ("担当者を再教育する", .weak),
    ])
    func levels(text: String, expected: ActionStrength) {
        #expect(ActionStrength.of(text) == expected, "\(text)")
    }

    @Test("the strongest wording present decides; a checklist lifts a reminder to medium")
    func strongestWins() {
        #expect(ActionStrength.of("Remind the team, and automate the check in CI") == .strong)
        #expect(ActionStrength.of("周知したうえで、確認をチェックリストに入れる") == .medium)
        #expect(ActionStrength.of("注意喚起ではなく、照合を自動化する") == .strong)
    }

    @Test("case and full-width letters do not matter; words inside other words do not count")
    func matching() {
        #expect(ActionStrength.of("AUTOMATE the export") == .strong)
        #expect(ActionStrength.of("ＲＥＭＩＮＤ staff") == .weak)
        // "premind" is not "remind"; nothing listed → medium, never weak.
        #expect(ActionStrength.of("Update the premind schedule") == .medium)
    }

    @Test("a text without listed wording is medium, not flagged")
    func unlisted() {
        #expect(ActionStrength.of("Add a confirmation screen before sending to all customers") == .medium)
        #expect(ActionStrength.of("") == .medium)
    }

    @Test("a weak action gets a suggestion in both languages; the others none")
    func suggestions() {
        for language in [Language.english, .japanese] {
            #expect(ActionStrength.weak.suggestion(in: language)?.isEmpty == false)
            #expect(ActionStrength.strong.suggestion(in: language) == nil)
            #expect(ActionStrength.medium.suggestion(in: language) == nil)
            for strength in ActionStrength.allCases {
                #expect(!strength.label(in: language).isEmpty && !strength.why(in: language).isEmpty)
            }
        }
        #expect(ActionStrength.weak.label(in: .japanese) == "弱い")
        #expect(ActionStrength.weak.suggestion(in: .japanese)?.contains("自動化") == true)
    }
}
