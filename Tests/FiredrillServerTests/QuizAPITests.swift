import FiredrillSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The quiz over the API: questions without the key, answers recorded as drill inputs, the
/// key only after answering, 422 for an unknown question or choice, 409 for a second answer,
/// and the report per question and department.
@Suite("The quiz over the API")
struct QuizAPITests {
    static let scenario = ServerHarness.scenario + """

    quiz:
      - id: q1
        question: Who decides whether customers are told?
        choices: [Support desk, Firmware lead, Director]
        answer: 2
        explanation: The director decides (runbook, section 3).
      - id: q2
        question: Which two come first?
        choices: [Acknowledge, Escalate, Wait]
        answer: [0, 1]
    """

    @Test("questions without the key before answering; the key, score and explanation after; recorded in the report per department")
    func quizFlow() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill(source: Self.scenario)
            let players = try #require(tokens["players"] as? [String: String])
            let support = try #require(players["support"]), firmware = try #require(players["firmware-lead"])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let early = try await client.call(.get, "/api/v1/drills/\(id)/quiz", token: support)
            #expect(early.status == .conflict && early.errorCode == "drill_not_ended", "\(early.text)")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/end")

            let quiz = try await client.call(.get, "/api/v1/drills/\(id)/quiz", token: support)
            #expect(quiz.status == .ok, "\(quiz.text)")
            let questions = try #require(quiz.json["questions"] as? [[String: Any]])
            #expect(questions.map { $0["id"] as? String } == ["q1", "q2"] && questions[1]["multiple"] as? Bool == true)
            #expect(!quiz.text.contains("runbook, section 3") && !quiz.text.contains("\"answer\""), "no key before answering: \(quiz.text)")
            #expect(quiz.json["max"] as? Int == 2 && (quiz.json["results"] as? [Any])?.isEmpty == true)

            let answered = try await client.call(.post, "/api/v1/drills/\(id)/quiz", token: support,
                                                 body: #"{"answers": [{"question": "q1", "choices": [2]}, {"question": "q2", "choices": [1, 0]}]}"#)
            #expect(answered.status == .created, "\(answered.text)")
            #expect(answered.json["score"] as? Int == 2 && answered.json["max"] as? Int == 2)
            let results = try #require(answered.json["results"] as? [[String: Any]])
            #expect(results.first?["explanation"] as? String == "The director decides (runbook, section 3)." && results.first?["answer"] as? [Int] == [2])
            // A second answer to the same question is 409, and changes nothing.
            let again = try await client.call(.post, "/api/v1/drills/\(id)/quiz", token: support, body: #"{"answers": [{"question": "q1", "choices": [0]}]}"#)
            #expect(again.status == .conflict && again.errorCode == "already_answered", "\(again.text)")
            // Unknown questions and choices are 422; nothing of the submission is recorded.
            for body in [#"{"answers": [{"question": "q9", "choices": [0]}]}"#, #"{"answers": [{"question": "q1", "choices": [0]}, {"question": "q2", "choices": [7]}]}"#,
                         #"{"answers": [{"question": "q1", "choices": []}]}"#, #"{"answers": [{"question": "q1", "choices": [0]}, {"question": "q1", "choices": [1]}]}"#] {
                let refused = try await client.call(.post, "/api/v1/drills/\(id)/quiz", token: firmware, body: body)
                #expect(refused.status == .unprocessableContent, "\(body): \(refused.text)")
            }
            let wrong = try await client.call(.post, "/api/v1/drills/\(id)/quiz", token: firmware, body: #"{"answers": [{"question": "q1", "choices": [0]}]}"#)
            #expect(wrong.status == .created && wrong.json["score"] as? Int == 0, "\(wrong.text)")
            // Later, the player sees the key of what they answered.
            let later = try await client.call(.get, "/api/v1/drills/\(id)/quiz", token: firmware)
            #expect((later.json["results"] as? [[String: Any]])?.map { $0["question"] as? String } == ["q1"])
            // Only players answer.
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/quiz", body: #"{"answers": [{"question": "q1", "choices": [2]}]}"#).status == .forbidden)

            // The report: per question and department, never per person.
            let report = try await client.call(.get, "/api/v1/drills/\(id)/report")
            let quizReport = try #require(report.json["quiz"] as? [[String: Any]])
            #expect(quizReport[0]["answers"] as? Int == 2 && quizReport[0]["correct"] as? Int == 1 && quizReport[0]["share_correct"] as? Double == 0.5)
            let byDepartment = try #require(quizReport[0]["by_department"] as? [String: [String: Int]])
            #expect(byDepartment == ["Customer support": ["answers": 1, "correct": 1], "Engineering": ["answers": 1, "correct": 0]])
            #expect(quizReport[1]["answers"] as? Int == 1 && quizReport[1]["share_correct"] as? Double == 1)
            #expect(!report.text.contains("\"quiz-answer\""), "answers are not listed one by one in the report")
        }
    }

    @Test("the drill document carries the cards of the caller's roles only; staff and observers see every card")
    func roleCards() async throws {
        let source = ServerHarness.scenario.replacingOccurrences(of: """
          - id: support
            name: Support desk
            department: Customer support
        """, with: """
          - id: support
            name: Support desk
            department: Customer support
            responsibilities:
              - Answer every customer within 15 minutes
        """).replacingOccurrences(of: """
          - id: firmware-lead
            name: Firmware lead
            department: Engineering
        """, with: """
          - id: firmware-lead
            name: Firmware lead
            department: Engineering
            responsibilities:
              - Decide on a rollback
        """)
        #expect(source.contains("Decide on a rollback") && source.contains("within 15 minutes"))
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill(source: source)
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            let mine = try await client.call(.get, "/api/v1/drills/\(id)", token: support)
            let cards = try #require(mine.json["role_cards"] as? [[String: Any]])
            #expect(cards.map { $0["role"] as? String } == ["support"] && !mine.text.contains("Decide on a rollback"), "\(mine.text)")
            #expect(mine.json["quiz_questions"] as? Int == 0)
            let observer = try await client.call(.get, "/api/v1/drills/\(id)", token: tokens["observer"] as? String)
            #expect((observer.json["role_cards"] as? [[String: Any]])?.map { $0["role"] as? String } == ["support", "firmware-lead"])
        }
    }
}
