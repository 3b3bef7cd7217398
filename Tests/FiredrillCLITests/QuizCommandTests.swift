import FiredrillTestSupport
import Foundation
import Testing

/// Role cards and the quiz at the terminal (`run`): the card in the briefing and on `/role`,
/// never another role's; the quiz after the survey with the key after each answer, recorded
/// as drill inputs that `show --format script` writes and the report counts per department.
@Suite("Role cards and the quiz in run")
struct QuizCommandTests {
    @Test("the card in the briefing and on /role; the quiz after the end, the key after each answer, in the record and the report")
    func runWithQuiz() throws {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("drills.sqlite").path
        let out = directory.appendingPathComponent("out").path
        let run = try CLI.run(["run", CLI.fixture("quiz-ja.yaml"), "--speed", "100", "--db", db, "--out", out],
                              input: "ack 受領しました\n/role\n/end\n1\nx\n1、3\n")
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.stdout
        #expect(text.components(separatedBy: "あなたのロールカード：当番エンジニア").count == 3, "in the briefing and on /role:\n\(text)")
        #expect(text.contains("・30 分以内に顧客への連絡要否を判断する"))
        #expect(text.contains("不正解です。正解は 2 です。") && text.contains("部長が判断します（手順書 3 章）。"), "\(text)")
        #expect(text.contains("1〜3 の番号で入力してください"), "a bad answer is asked again: \(text)")
        #expect(text.contains("2 問中 1 問正解"), "\(text)")

        let report = try CLI.json(try String(contentsOfFile: out + "/report.json", encoding: .utf8))
        let quiz = try #require(report["quiz"] as? [[String: Any]])
        #expect(quiz.map { $0["correct"] as? Int } == [0, 1] && quiz.map { $0["answers"] as? Int } == [1, 1])
        #expect((quiz[0]["by_department"] as? [String: [String: Int]]) == ["運用部": ["answers": 1, "correct": 0]])
        let runID = try #require((report["record"] as? [String: Any])?["run_id"] as? String)
        let script = try CLI.run(["show", runID, "--format", "script", "--db", db]).stdout
        #expect(script.contains(#"!quiz {"choices":[0],"department":"運用部","participant":"terminal","question":"q1"}"#), "\(script)")
        #expect(try CLI.run(["verify", runID, "--db", db]).status == 0)
        let markdown = try CLI.run(["show", runID, "--format", "md", "--db", db]).stdout
        #expect(markdown.contains("理解度確認（クイズ）") && markdown.contains("運用部：1 件中 0 件正解"), "\(markdown)")
        #expect(markdown.contains("ロールカードと各ロールの対応") && markdown.contains("受領"))
    }
}
