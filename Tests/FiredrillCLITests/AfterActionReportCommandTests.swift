import FiredrillCore
import FiredrillTestSupport
import Foundation
import Testing
@testable import FiredrillStore
@testable import FiredrillSQLite

/// The after-action report of a recorded Japanese drill, through the executable: HTML a
/// committee can file (and print), the improvement plan's wording checked, CSV for
/// spreadsheets, trend charts.
@Suite("After-action reports of recorded drills")
struct AfterActionReportCommandTests {
    static let scenario = CLI.packageRoot.appendingPathComponent("scenarios/newsletter-brochure-leak-ja.yaml").path

    /// The Japanese newsletter drill replayed and recorded, with observations and survey
    /// answers; a participant named 田中 一郎 played the promotion role.
    func recordedJapaneseDrill() throws -> (db: String, runID: String) {
        let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        let replay = try CLI.run(["replay", Self.scenario, CLI.fixture("newsletter-ja-review.script"), "--record", "--db", db])
        #expect(replay.status == 0, "\(replay.stderr)")
        let runID = replay.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let database = try AppDatabase.open(path: db)
        try database.unsafeExecute(sql: "UPDATE participant SET display_name = '田中 一郎' WHERE run_id = ? AND role_id = 'promotion'", arguments: [runID])
        try database.close()
        return (db, runID)
    }

    /// The score as the JSON report of the run gives it, written as the pages and reports write it.
    func scoreText(_ db: String, _ runID: String) throws -> String {
        let json = try CLI.json(try CLI.run(["show", runID, "--db", db]).stdout)
        let score = try #require(json["score"] as? Double)
        return score == score.rounded() ? String(Int(score)) : String(format: "%.1f", score)
    }

    func addAction(_ db: String, _ runID: String, objective: String, issue: String, action: String, due: String, extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["actions", "add", "--run", runID, "--objective", objective, "--issue", issue, "--action", action,
                     "--capability", "Planning", "--org", "プロモーション部", "--due", due, "--db", db] + extra)
    }

    @Test("a recorded Japanese drill with corrective actions, observations and survey answers gives a report a committee can file")
    func japaneseDrill() throws {
        let (db, runID) = try recordedJapaneseDrill()
        let clean = try addAction(db, runID, objective: "escalate-supervisor", issue: "会議中の上長に電話へ切り替える基準が手順書にない",
                                  action: "エスカレーション手順書に切り替え基準を追加する", due: "2000-01-31", extra: ["--role", "プロモーション部長"])
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
        // Blame is warned about (and the action kept), or refused with --strict.
        let blaming = try addAction(db, runID, objective: "replace-file", issue: "田中さんの不注意で誤った版が配信された", action: "確認を徹底すべきだった", due: "2099-12-31")
        #expect(blaming.status == 0)
        #expect(blaming.stderr.contains("warning: --issue") && blaming.stderr.contains("不注意") && blaming.stderr.contains("warning: --action"), "\(blaming.stderr)")
        #expect(blaming.stderr.contains("理由") && !blaming.stderr.contains("田中さんの"), "\(blaming.stderr)")
        #expect(blaming.stderr.contains("対策の強さ「弱い」") && blaming.stdout.contains("(strength: weak)"), "\(blaming.stderr)")
        let strict = try addAction(db, runID, objective: "replace-file", issue: "田中さんのミス", action: "注意する", due: "2099-12-31", extra: ["--strict"])
        #expect(strict.status == 1 && strict.stderr.contains("--strict"), "\(strict.stderr)")
        #expect(try CLI.run(["actions", "close", "2", "--evidence", "手順書 v2.3 に追記", "--db", db]).status == 0)
        #expect(!(try CLI.run(["actions", "list", "--run", runID, "--db", db]).stdout.contains("注意する")))

        let shown = try CLI.run(["show", runID, "--format", "html", "--tz", "Asia/Tokyo", "--db", db])
        #expect(shown.status == 0, "\(shown.stderr)")
        let html = shown.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
        let text = Self.visibleText(html)
        // The score the scenario's script header states (checked by the scenario tests), as the
        // run's JSON report gives it.
        let score = try scoreText(db, runID)
        let fragments = [
            "事後検証報告書（AAR）・改善計画（IP）", "ニュースレター添付パンフレットからの未発表提携情報の漏えい",
            "(UTC+09:00, Asia/Tokyo)", "再生：スクリプトの入力を再生", "マーケティング本部 プロモーション部 ：プロモーション担当",
            "スコア \(score) / 100 カバー範囲：目標 9 件中 9 件、重み 11 中 11", "検知 0:00 受領 4:10", "有効なエスカレーション 26:30",
            "3. タイムライン", "目標ごとの達成度", "良かった点", "改善すべき点",
            "<script>alert(1)</script>", "⚠ 期限超過", "手順書 v2.3 に追記", "振り返り：うまくいった点", "入稿担当の不注意が原因だと思う。",
            "A.5.24", "A.6.8", "IR-3", "✓ 正常：本報告書の作成時に", "付録 C 記述の確認（非難なき振り返り）", "［参加者］さんのミスで電話が遅れた。",
            // Corrective-action strength: the weak one with its suggestion, the evidence's too.
            "対策の強さ：弱い", "対策の強さ：中程度", "確認を自動化する・手作業をなくす（強い）",
        ]
        #expect(fragments.filter { !text.contains($0) } == [])
        #expect(html.contains("<svg ") && html.contains("class=\"chart\""))
        #expect(!html.lowercased().contains("<script"), "markup written into the record is shown as text")
        #expect(!html.contains("田中"), "names appear only in the evidence record")

        // The same report in JSON: the wording findings and the chain's verification.
        let json = try CLI.json(try CLI.run(["show", runID, "--db", db]).stdout)
        let findings = try #require(json["blameless_findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["source"] as? String }) == ["observation", "survey", "corrective-action"])
        let verification = try #require((json["record"] as? [String: Any])?["verification"] as? [String: Any])
        #expect(verification["intact"] as? Bool == true)
        // --lang en gives the English report of the same run; rendering twice gives the same bytes.
        let english = try CLI.run(["show", runID, "--format", "html", "--lang", "en", "--tz", "UTC", "--db", db]).stdout
        #expect(english.contains("<html lang=\"en\">") && english.contains("Improvement plan"))
        #expect(english == (try CLI.run(["show", runID, "--format", "html", "--lang", "en", "--tz", "UTC", "--db", db]).stdout))
        #expect(try CLI.run(["show", runID, "--tz", "Mars/Base", "--db", db]).status != 0)

        // export writes the HTML file beside the others.
        let out = try CLI.temporaryDirectory().appendingPathComponent("evidence")
        #expect(try CLI.run(["export", runID, "--out", out.path, "--bom", "--db", db]).status == 0)
        let exported = try String(contentsOf: out.appendingPathComponent("\(runID).html"), encoding: .utf8)
        #expect(exported.contains("事後検証報告書"))
        let csv = try Data(contentsOf: out.appendingPathComponent("corrective-actions.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF], "--bom starts the CSV with a UTF-8 byte order mark")
    }

    /// Chromium prints the report; `.ci/run` installs it (with poppler-utils and the Noto CJK
    /// fonts), and a machine without it fails this test rather than skipping it.
    static let chromium = "/usr/bin/chromium"

    @Test("the HTML report prints to an A4 PDF in headless Chromium, with its Japanese text in a Japanese font")
    func printsToPDF() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "Chromium is missing at \(Self.chromium): install chromium (.ci/run does)")
        let (db, runID) = try recordedJapaneseDrill()
        let directory = try CLI.temporaryDirectory()
        let htmlFile = directory.appendingPathComponent("report.html")
        try CLI.run(["show", runID, "--format", "html", "--db", db]).stdout.write(to: htmlFile, atomically: true, encoding: .utf8)
        let pdf = directory.appendingPathComponent("report.pdf")
        let status = try CLI.system([
            Self.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--print-to-pdf=\(pdf.path)", htmlFile.absoluteString,
        ])
        #expect(status == 0)
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        #expect(bytes.count > 50_000, "a report of several pages with charts, not an empty page: \(bytes.count) bytes")
        // The text is there (poppler's pdftotext). That alone proves little: without a Japanese
        // font Chromium draws the Japanese as DejaVu's missing-glyph boxes and the text still
        // extracts. The Japanese font (Noto CJK, OpenType) is embedded as Type 3 outlines,
        // which pdffonts lists; without it only DejaVu's CID TrueType fonts are there.
        let text = try SystemTool.output(["pdftotext", "-enc", "UTF-8", pdf.path, "-"])
        let score = try scoreText(db, runID)
        #expect(text.contains("事後検証報告書") && text.contains("改善計画") && text.contains(score), "\(text.prefix(500))")
        let fonts = try SystemTool.output(["pdffonts", pdf.path])
        #expect(fonts.contains("Type 3"), "no Japanese font outlines in the PDF (install fonts-noto-cjk):\n\(fonts.prefix(800))")
    }

    @Test("actions add warns about blame in English too, naming the participant's name without repeating it; --strict refuses")
    func englishWording() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        let out = try CLI.temporaryDirectory()
        let drill = try CLI.run(
            ["run", CLI.fixture("certificate.yaml"), "--speed", "1", "--db", db, "--out", out.path, "--player", "ops=Priya Raman/Operations"],
            input: "ack seen\n/end\n"
        )
        #expect(drill.status == 0, "\(drill.stderr)")
        let runID = try #require((try CLI.json(try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8))["record"] as? [String: Any])?["run_id"] as? String)
        let base = ["actions", "add", "--run", runID, "--capability", "Training", "--org", "IT", "--db", db]
        let warned = try CLI.run(base + ["--issue", "Priya's mistake: the pager was ignored", "--action", "Be less careless"])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("warning: --issue") && warned.stderr.contains("a participant's name"), "\(warned.stderr)")
        #expect(warned.stderr.contains("warning: --action") && warned.stderr.contains("careless"), "\(warned.stderr)")
        #expect(!warned.stderr.contains("Priya"))
        let refused = try CLI.run(base + ["--issue", "Operator error", "--action", "Retrain", "--strict"])
        #expect(refused.status == 1 && refused.stderr.contains("error: --issue"), "\(refused.stderr)")
        let fine = try CLI.run(base + ["--issue", "The pager rota had a gap on Sundays", "--action", "Cover Sundays in the rota", "--strict"])
        #expect(fine.status == 0 && fine.stderr.isEmpty, "\(fine.stderr)")
        #expect(fine.stdout.contains("(strength: medium)"), "\(fine.stdout)")
        // An action that relies on people remembering is added, with the strength warning and a suggestion.
        let weak = try CLI.run(base + ["--issue", "The pager rota had a gap", "--action", "Remind everyone to check the rota", "--strict"])
        #expect(weak.status == 0 && weak.stdout.contains("(strength: weak)"), "\(weak.stdout)")
        #expect(weak.stderr.contains("warning: --action: strength weak") && weak.stderr.contains("automate"), "\(weak.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(try CLI.run(["actions", "list", "--format", "json", "--db", db]).stdout.utf8)) as? [[String: Any]]
        #expect(list?.last?["strength"] as? String == "weak" && list?.last?["evidence_strength"] == nil, "\(String(describing: list))")
        // The report names the role, never the person, and lists the flagged passage in its appendix.
        let markdown = try CLI.run(["show", runID, "--format", "md", "--db", db]).stdout
        #expect(!markdown.contains("Priya") && markdown.contains("\\[participant\\]'s mistake"))
    }

    @Test("CSV for spreadsheets: a byte order mark on request, rounded numbers, units")
    func csv() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        for _ in 0..<2 { _ = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("late-team.script"), "--record", "--db", db]) }
        let plain = try CLI.run(["history", "--format", "csv", "--db", db]).stdout
        #expect(plain.hasPrefix("run_id,"))
        let bom = try CLI.run(["history", "--format", "csv", "--bom", "--db", db]).stdout
        #expect(bom.hasPrefix("\u{FEFF}run_id,"))
        let trends = try CLI.run(["trends", "--format", "csv", "--bom", "--db", db]).stdout
        #expect(trends.hasPrefix("\u{FEFF}scope,group,series,run_id,started_at,value,unit,complete\r\n"))
        let rows = trends.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.contains { $0[2] == "score" && $0[6] == "points" })
        #expect(rows.contains { $0[2].hasPrefix("credit ") && $0[6] == "credit" })
        #expect(rows.contains { $0[2].hasPrefix("time to") && $0[6] == "seconds" })
        // Every value has at most three decimals.
        #expect(rows.allSatisfy { ($0[5].split(separator: ".").dropFirst().first?.count ?? 0) <= 3 }, "\(rows)")
    }

    @Test("trends --format html charts each series with its median and p90 over time, runs ended early marked")
    func trendsHTML() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        let directory = try CLI.temporaryDirectory()
        let early = directory.appendingPathComponent("early.script")
        try "01:30 ops ack seen\n05:00 !end\n".write(to: early, atomically: true, encoding: .utf8)
        for script in [CLI.fixture("certificate.script"), early.path, CLI.fixture("late-team.script")] {
            #expect(try CLI.run(["replay", CLI.fixture("certificate.yaml"), script, "--record", "--db", db]).status == 0)
        }
        // Runs ended early are left out unless asked for; then they are marked and kept out of median and p90.
        let complete = try CLI.run(["trends", "--format", "html", "--db", db]).stdout
        #expect(!complete.contains("— ended early (not in median/p90)</title>"))
        let html = try CLI.run(["trends", "--format", "html", "--include-incomplete", "--db", db]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"))
        #expect(html.contains("certificate-fixture") && html.contains("Score (0–100)") && html.contains("Time to acknowledge (drill time)"))
        #expect(html.contains("— ended early (not in median/p90)</title>"), "the early run is marked")
        #expect(html.contains("stroke-dasharray=\"5 3\""), "the p90 line")
        let japanese = try CLI.run(["trends", "--format", "html", "--lang", "ja", "--db", db]).stdout
        #expect(japanese.contains("<html lang=\"ja\">") && japanese.contains("訓練の推移"))
    }

    @Test("replay --format html prints the same page every time")
    func replayHTML() throws {
        let arguments = ["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--format", "html"]
        let first = try CLI.run(arguments)
        #expect(first.status == 0 && first.stdout.contains("Certificate expires at 3 a.m."))
        #expect(first.stdout == (try CLI.run(arguments)).stdout)
    }

    /// What a reader of the page sees (see ``HTMLText``).
    static func visibleText(_ html: String) -> String { HTMLText.visible(html) }
}
