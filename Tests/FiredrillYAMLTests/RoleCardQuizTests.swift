import FiredrillCore
import Foundation
import Testing
@testable import FiredrillYAML

/// Role cards and the quiz (the format's additions "role cards, quiz, near misses"): read
/// into the model, every problem named where it is, in both languages.
@Suite("Role cards and the quiz")
struct RoleCardQuizTests {
    static let card = """
        department: Operations
        responsibilities:
          - Declare the incident and name a communications lead
          - Decide whether customers are told, within 30 minutes
    """

    static func quiz(_ body: String) -> String {
        validScenario + "\nquiz:\n" + body
    }

    @Test("a role's card and a quiz are read into the scenario; one answer or several, the explanation optional")
    func readsCardsAndQuiz() throws {
        let text = Self.quiz("""
              - id: q1
                question: Who decides whether customers receive a correction e-mail?
                choices: [Promotion lead, Product planning, Legal, The supervisor]
                answer: 3
                explanation: The supervisor decides (handbook, section 3).
              - id: q2
                question: Which channels reach the supervisor?
                choices: [Chat, Phone, In person]
                answer: [2, 1]
            """).replacingOccurrences(of: "    department: Operations", with: Self.card)
        let loaded = load(text)
        let scenario = try #require(loaded.scenario, "\(loaded.formattedDiagnostics)")
        #expect(scenario.roles[0].responsibilities == ["Declare the incident and name a communications lead", "Decide whether customers are told, within 30 minutes"])
        #expect(scenario.roles[1].responsibilities.isEmpty)
        #expect(scenario.quiz.map(\.id) == ["q1", "q2"])
        #expect(scenario.quiz[0].answers == [3] && scenario.quiz[0].explanation == "The supervisor decides (handbook, section 3).")
        #expect(scenario.quiz[1].answers == [1, 2] && scenario.quiz[1].explanation == nil && scenario.quiz[1].choices.count == 3)
        #expect(load(validScenario).scenario?.quiz.isEmpty == true)
    }

    @Test("bad cards and questions: each problem at its line, in English and Japanese")
    func problems() throws {
        let lines = (1...21).map { "      - Duty \($0)" }.joined(separator: "\n")
        let tooLongCard = validScenario.replacingOccurrences(of: "    department: Operations", with: "    department: Operations\n    responsibilities:\n" + lines)
        #expect(load(tooLongCard).formattedDiagnostics.contains { $0.contains("s.yaml:10:") && $0.contains("has 21 entries; the limit is 20") }, "\(load(tooLongCard).formattedDiagnostics)")
        let twoLines = validScenario.replacingOccurrences(of: "    department: Operations", with: "    department: Operations\n    responsibilities:\n      - |\n        one\n        two")
        #expect(load(twoLines).scenario == nil)
        let broken = Self.quiz("""
              - id: q1
                question: Only one choice?
                choices: [Yes]
                answer: 0
              - id: q1
                question: Out of range
                choices: [A, B]
                answer: 2
              - id: q3
                question: Not a number
                choices: [A, B]
                answer: first
              - id: q4
                question: Twice
                choices: [A, B, C]
                answer: [1, 1]
              - id: q5
                question: Missing the answer
                choices: [A, B]
              - id: q6
                question: Eleven choices
                choices: [a, b, c, d, e, f, g, h, i, j, k]
                answer: 0
                hint: not a key
            """)
        let loaded = load(broken)
        #expect(loaded.scenario == nil)
        let problems = loaded.formattedDiagnostics
        let start = validScenario.components(separatedBy: "\n").count + 1
        func at(_ offset: Int, _ fragment: String) -> Bool {
            problems.contains { $0.hasPrefix("s.yaml:\(start + offset):") && $0.contains(fragment) }
        }
        #expect(at(3, "at least 2 choices"), "\(problems)")
        #expect(at(5, "duplicate quiz question id 'q1'"), "\(problems)")
        #expect(at(8, "answer 2 is not one of the choices"), "\(problems)")
        #expect(at(12, "'answer' is the number of the correct choice"), "\(problems)")
        #expect(at(16, "appears twice"), "\(problems)")
        #expect(at(17, "answer"), "\(problems)")
        #expect(problems.contains { $0.contains("has 11 entries; the limit is 10") }, "\(problems)")
        #expect(problems.contains { $0.contains("hint") }, "\(problems)")
        // Japanese: the same positions, Japanese words.
        let japanese = loaded.formattedDiagnostics(in: .japanese)
        #expect(japanese.count == problems.count)
        #expect(japanese.contains { $0.hasPrefix("s.yaml:\(start + 3):") && $0.contains("選択肢が 2 つ以上必要です") }, "\(japanese)")
        #expect(japanese.contains { $0.hasPrefix("s.yaml:\(start + 8):") && $0.contains("正解の番号 2") }, "\(japanese)")
        let tooMany = Self.quiz((1...51).map { "  - {id: q\($0), question: Q, choices: [a, b], answer: 0}" }.joined(separator: "\n"))
        #expect(load(tooMany).formattedDiagnostics.contains { $0.contains("has 51 entries; the limit is 50") }, "\(load(tooMany).formattedDiagnostics)")
    }
}
