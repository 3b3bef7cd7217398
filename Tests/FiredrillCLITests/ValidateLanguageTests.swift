import Foundation
import Testing

/// `firedrill validate --lang ja`: every problem in Japanese, at the position English gives.
@Suite("firedrill validate --lang")
struct ValidateLanguageTests {
    /// The `path:line:column:` that starts a line (just `path:` for a problem of the whole file).
    static func position(_ line: String, path: String) -> String? {
        guard line.hasPrefix(path + ":") else { return nil }
        let rest = line.dropFirst(path.count)
        return path + rest.prefix { $0 == ":" || $0.isNumber }
    }

    @Test func japaneseProblemsStandWhereTheEnglishOnesDo() throws {
        let file = CLI.fixture("many-problems.yaml")
        let english = try CLI.run(["validate", file])
        let japanese = try CLI.run(["validate", file, "--lang", "ja"])
        #expect(english.status == 1 && japanese.status == 1)
        #expect(try CLI.run(["validate", "--lang", "en", file]).stderr == english.stderr)
        let englishLines = english.stderr.split(separator: "\n").map(String.init)
        let japaneseLines = japanese.stderr.split(separator: "\n").map(String.init)
        #expect(englishLines.count >= 30, "\(english.stderr)")
        #expect(japaneseLines.count == englishLines.count, "\(japanese.stderr)")
        let problems = zip(englishLines, japaneseLines).filter { $0.0.hasPrefix(file) }
        #expect(problems.count == englishLines.count - 1)
        for (en, ja) in problems {
            #expect(Self.position(en, path: file) == Self.position(ja, path: file), "\(en)\n\(ja)")
            #expect(en != ja)
            let message = ja.dropFirst(Self.position(ja, path: file)?.count ?? 0)
            for word in ["unknown", "must", "did you mean", "found", "is not", "is empty", "warning"] {
                #expect(!message.contains(word), "\(ja)")
            }
        }
        // Some of them, word for word.
        #expect(english.stderr.contains("\(file):6:1: unknown key 'summery' in the scenario; did you mean 'summary'? (allowed: "))
        #expect(japanese.stderr.contains("\(file):6:1: シナリオに「summery」というキーはありません。「summary」の書き間違いではありませんか？（使えるキー："))
        #expect(english.stderr.contains("\(file):26:9: 'at' 2h is after the end of the drill (duration 30m); deliver it earlier or lengthen the drill"))
        #expect(japanese.stderr.contains("\(file):26:9: 「at」（配信時刻）の2時間は訓練の終わり（「duration」の30分）より後です。配信を早めるか、訓練時間を延ばしてください"))
        #expect(japanese.stderr.contains("\(file):32:12: 「delay」（条件が成り立ってから配信までの待ち時間）の「20 分」は時間として読めません。「20分」「1時間30分」"))
        #expect(japanese.stderr.contains(": 警告："))
        #expect(englishLines.last == "1 of 1 file invalid")
        #expect(japaneseLines.last == "1 件のファイルのうち 1 件に問題があります")
    }

    @Test func validFilesAndUnknownNamesInJapanese() throws {
        let ok = try CLI.run(["validate", "--lang", "ja", CLI.fixture("certificate.yaml")])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains(": 問題ありません（「"), "\(ok.stdout)")
        let elsewhere = try CLI.temporaryDirectory()
        let missing = try CLI.run(["validate", "--lang", "ja", "newsletter-brochure-leek"], directory: elsewhere)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("newsletter-brochure-leek: ファイルがありません"), "\(missing.stderr)")
        #expect(missing.stderr.contains("「newsletter-brochure-leak」の書き間違いではありませんか？"), "\(missing.stderr)")
        #expect(try CLI.run(["validate", "--lang", "fr", CLI.fixture("certificate.yaml")]).status == 64)
    }
}
