import Testing
@testable import FiredrillCore

/// Line endings and control characters in every text input.
@Suite("Text input")
struct TextInputTests {
    @Test("CRLF, CR and LF all end a line, with the line numbers an editor shows", arguments: ["\n", "\r\n", "\r"])
    func linesEndAlike(terminator: String) {
        let text = ["one", "", "three", "four"].joined(separator: terminator) + terminator
        let lines = Array(TextLines(text))
        #expect(lines.map(\.text) == ["one", "", "three", "four"])
        #expect(lines.map(\.number) == [1, 2, 3, 4])
    }

    @Test func mixedLineEndingsAndNoFinalTerminator() {
        let lines = Array(TextLines("a\r\nb\rc\nd"))
        #expect(lines.map(\.text) == ["a", "b", "c", "d"])
        #expect(Array(TextLines("")).isEmpty)
        #expect(Array(TextLines("\r\n")).map(\.text) == [""])
    }

    @Test("a CRLF cut between two reads is one line end; endless lines are cut, not grown")
    func splitterAcrossChunks() {
        var splitter = LineSplitter(maximumLineBytes: 8)
        var lines = splitter.feed(Array("ack\r".utf8))
        lines += splitter.feed(Array("\ndo x\rsay y".utf8))
        lines += splitter.feed(Array("0123456789abc\n".utf8))
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["ack", "do x", "say y012"])
        #expect(lines.map(\.truncated) == [false, false, true])
        #expect(splitter.feed(Array("tail".utf8)).isEmpty)
        #expect(splitter.finish().map { String(decoding: $0.bytes, as: UTF8.self) } == "tail")
        #expect(splitter.finish() == nil)
    }

    @Test("a script saved with CRLF or CR gives the same actions as with LF", arguments: ["\r\n", "\r"])
    func scriptLineEndings(terminator: String) throws {
        let lines = ["# a comment", "01:30 ops ack seen", "", "05:00 ops escalate boss via phone down", "06:00 ops do renew the certificate"]
        let lf = try ReplayScript.parse(lines.joined(separator: "\n"), for: Fixtures.certificate()).get()
        let other = try ReplayScript.parse(lines.joined(separator: terminator) + terminator, for: Fixtures.certificate()).get()
        #expect(lf.entries.count == 3)
        #expect(other == lf)
        #expect(other.entries.map(\.line) == [2, 4, 5])
    }

    @Test("script errors after CRLF lines name the right line, and every bad line is reported")
    func scriptErrorLinesWithCRLF() {
        let text = "01:00 ops ack\r\n02:00 opz ack\r\n03:00 ops fly\r\n"
        guard case .failure(let error) = ReplayScript.parse(text, for: Fixtures.certificate()) else {
            Issue.record("expected errors")
            return
        }
        #expect(error.problems.map(\.line) == [2, 3])
    }

    @Test("control characters in a script line are refused with their column")
    func scriptControlCharacters() {
        for (text, name) in [("01:00 ops do a\u{0}b", "U+0000 (NUL)"), ("01:00 ops say \u{1B}[2J", "U+001B (ESC)")] {
            guard case .failure(let error) = ReplayScript.parse(text, for: Fixtures.certificate()) else {
                Issue.record("expected an error for \(name)")
                continue
            }
            #expect(error.problems.count == 1)
            #expect(error.problems[0].message.contains(name), "\(error.problems)")
            #expect(error.problems[0].message.contains("column 15"), "\(error.problems)")
        }
    }

    @Test("commands with control characters, or longer than the limit, are refused")
    func commandControlCharactersAndLength() {
        let scenario = Fixtures.certificate()
        guard case .failure(let escape) = ActionCommand.parse("say \u{1B}[2Jgone", role: "ops", in: scenario) else {
            Issue.record("ESC accepted")
            return
        }
        #expect(escape.message.contains("U+001B (ESC)"))
        guard case .failure(let long) = ActionCommand.parse("do " + String(repeating: "x", count: 2_000), role: "ops", in: scenario) else {
            Issue.record("2,003 characters accepted")
            return
        }
        #expect(long.message.contains("limit is 2000"))
        #expect((try? ActionCommand.parse("do " + String(repeating: "x", count: 1_997), role: "ops", in: scenario).get()) != nil)
    }

    @Test("shown text has its control characters made visible; tabs and line feeds stay")
    func neutralizing() {
        #expect(ControlCharacters.neutralized("a\u{1B}[2Jb\u{7}c\td\ne") == "a\u{241B}[2Jb\u{2407}c\td\ne")
        #expect(ControlCharacters.neutralized("x\u{202E}y\u{9B}z\u{7F}") == "x\u{FFFD}y\u{FFFD}z\u{2421}")
        #expect(ControlCharacters.neutralized("日本語のテキスト") == "日本語のテキスト")
        #expect(ControlCharacters.firstForbidden(in: "ok\nline", allowingNewlines: true) == nil)
        #expect(ControlCharacters.firstForbidden(in: "ok\r", allowingNewlines: true)?.offset == 3)
    }

    @Test("a score is never infinite or outside 0…100")
    func scoresStayFinite() {
        #expect(Scoring.score([(weight: 1e308, credit: 1), (weight: 1e308, credit: 0)]) == nil)
        #expect(Scoring.score([(weight: .infinity, credit: 1)]) == nil)
        #expect(Scoring.score([(weight: 1_000, credit: 1), (weight: 1, credit: 0)]) == 99.9)
    }

    @Test func drillTimeFromSecondsRefusesWhatIsNotATime() {
        #expect(DrillTime(seconds: 90.5) == DrillTime(milliseconds: 90_500))
        #expect(DrillTime(seconds: .infinity) == nil)
        #expect(DrillTime(seconds: .nan) == nil)
        #expect(DrillTime(seconds: 1e308) == nil)
    }

    @Test("ad-lib injects, observations and survey comments read CRLF and CR as line breaks", arguments: ["\r\n", "\r"])
    func typedTextLineEndings(terminator: String) {
        let text = "first" + terminator + "second" + terminator + "third"
        #expect(AdlibInject(to: .all, channel: "chat", subject: "s", body: text).body == "first\nsecond\nthird")
        #expect(Observation(text: text).text == "first\nsecond\nthird")
        #expect(SurveyAnswer(question: 0, score: 4, comment: text).comment == "first\nsecond\nthird")
        #expect(TextField.withLineFeeds("a\r\n\r\nb\n\rc") == "a\n\nb\n\nc")
        #expect(TextField.problems(Observation(text: text).text, field: "text", oneLine: false, required: true).isEmpty)
    }
}
