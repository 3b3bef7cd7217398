import FiredrillCore
import Foundation
import Testing
@testable import FiredrillYAML

/// The loader's problems in Japanese: the same problems at the same positions as in English.
@Suite("Problems in Japanese")
struct ValidationLanguageTests {
    /// `path:line:column: ` (or `path: `) of a formatted line.
    static func position(_ line: String, path: String) -> String {
        let rest = line.dropFirst(path.count)
        let digits = rest.prefix { $0 == ":" || $0.isNumber }
        return path + digits
    }

    static func expectSamePositions(_ loaded: ScenarioLoader.Loaded, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let english = loaded.formattedDiagnostics
        let japanese = loaded.formattedDiagnostics(in: .japanese)
        #expect(!english.isEmpty, sourceLocation: sourceLocation)
        #expect(english == loaded.formattedDiagnostics(in: .english), sourceLocation: sourceLocation)
        #expect(japanese.count == english.count, sourceLocation: sourceLocation)
        for (en, ja) in zip(english, japanese) {
            #expect(position(en, path: loaded.path) == position(ja, path: loaded.path), "\(en)\n\(ja)", sourceLocation: sourceLocation)
            #expect(en != ja, sourceLocation: sourceLocation)
            for word in ["unknown", "must", "did you mean", "found", "YAML syntax error", "the file"] {
                #expect(!ja.contains(word), "\(ja)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [
        (7, "    nam: On-call engineer"), (4, "duration: 30 minutes"), (4, "duration: 20 分"), (18, "    channel: monitorng"),
        (25, "    when: met(esc) or"), (17, "    to: ops"), (29, "    kind: acknowlege"), (1, "firedrill: \"1\""),
        (2, "id: Cert_Expiry"), (37, "    weight: 5000"), (30, "    from: alrt"), (36, "    limit: 1m"),
    ])
    func scenarioProblemsKeepTheirPositions(line: Int, replacement: String) {
        Self.expectSamePositions(load(replacing(line: line, with: replacement)))
    }

    @Test(arguments: [
        "firedrill: 1\nid: x\n\ttitle: y\n",                    // a tab for indentation
        "firedrill: 1\nid: [x\n",                               // a list never closed
        "firedrill: 1\n---\nfiredrill: 1\n",                     // two documents
        "firedrill: 1\nid: x\nid: y\n",                          // a key twice
        "",                                                     // nothing
        "key: *nowhere\n",                                      // an alias without its anchor
    ])
    func syntaxProblemsKeepTheirPositions(text: String) {
        Self.expectSamePositions(load(text))
    }

    @Test func encodingProblemsAreNamedInJapanese() {
        let latin1 = ScenarioLoader().load(data: Data([0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xE9, 0x0A]), path: "latin1.yaml")
        Self.expectSamePositions(latin1)
        #expect(latin1.formattedDiagnostics(in: .japanese) == [
            "latin1.yaml:1:8: このファイルは UTF-8 として読めません（ここが最初の読めないバイトです。Shift_JIS や Latin-1 で保存されていませんか？）。UTF-8 で保存し直してください",
        ])
        let missing = ScenarioLoader().load(path: "/nonexistent/firedrill-scenario.yaml")
        #expect(missing.formattedDiagnostics(in: .japanese) == ["/nonexistent/firedrill-scenario.yaml: ファイルがありません"])
    }

    @Test func aSyntaxErrorIsExplainedInJapanese() {
        let loaded = load("firedrill: 1\nid: x\n\ttitle: y\n")
        let japanese = loaded.formattedDiagnostics(in: .japanese).joined()
        #expect(japanese.contains("YAML の書き方に誤りがあります："), "\(japanese)")
        #expect(japanese.contains("タブ"), "\(japanese)")
    }

    @Test func warningsAreMarkedInJapanese() {
        // An inject only for the simulated supervisor.
        let loaded = load(replacing(line: 17, with: "    to: [boss]"))
        #expect(loaded.scenario != nil)
        #expect(loaded.formattedDiagnostics == ["s.yaml:17:9: warning: this inject goes only to simulated roles (personas), so no player will see it"])
        #expect(loaded.formattedDiagnostics(in: .japanese) == ["s.yaml:17:9: 警告：このインジェクトの宛先は訓練側が演じる役（「persona」のある役割）だけなので、参加者には届きません"])
    }
}
