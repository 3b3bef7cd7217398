import FiredrillTestSupport
@testable import FiredrillSQLite
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
        // The closing table names the objective's kind in Japanese, not as the format's word.
        #expect(text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("ack") && $0.contains("受領") && !$0.contains("acknowledge") }, "\(text)")

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

        // Trends: the share correct per question over the scenario's drills.
        let second = try CLI.run(["run", CLI.fixture("quiz-ja.yaml"), "--speed", "100", "--db", db], input: "ack\n/end\n2\n1,3\n")
        #expect(second.status == 0, "\(second.stderr)")
        let csv = try CLI.run(["trends", "--format", "csv", "--db", db]).stdout
        let q1 = csv.split(whereSeparator: \.isNewline).filter { $0.contains(",quiz q1,") }.map { $0.split(separator: ",")[5] }
        #expect(q1.sorted() == ["0", "1"] && csv.contains(",share,"), "\(csv)")
        // The stored quiz result is checked against the events like every other result.
        let database = try AppDatabase.open(path: db)
        try database.unsafeExecute(sql: "UPDATE quiz_result SET correct = 1 WHERE run_id = ? AND question_id = 'q1'", arguments: [runID])
        try database.close()
        let verify = try CLI.run(["verify", runID, "--db", db])
        #expect(verify.status == 1 && verify.stdout.contains("quiz question 'q1' is stored with 1 of 1 correct but recomputed as 0 of 1"), "\(verify.stdout)")
    }
}
