import FiredrillCore
import FiredrillTestSupport
import Foundation
import Testing
@testable import FiredrillReporting

/// The after-action report in Markdown and HTML: HSEEP's sections, Japanese, tables aligned
/// by display width, honest scores of drills ended early.
@Suite("After-action report")
struct AfterActionReportTests {
    static let tokyo = ReportContext(language: .japanese, timeZone: TimeZone(identifier: "Asia/Tokyo")!)

    @Test("a Japanese scenario gives a Japanese report; --lang en gives an English one")
    func languages() throws {
        let report = try ReportFixtures.japanese()
        let japanese = MarkdownReportRenderer.render(report, context: ReportContext(for: report, timeZone: TimeZone(identifier: "UTC")!))
        for heading in ["# 事後検証報告書（AAR）・改善計画（IP）：パンフレットからの情報漏えい", "## 1. 演習の概要", "## 2. 結果の要点",
                        "## 3. タイムライン", "## 4. 目標ごとの分析", "## 5. 改善計画", "## 6. 参加者アンケート", "## 7. 管理策・フレームワークとの対応",
                        "## 8. 証跡", "## 付録 A　事象ログ", "## 付録 B　配信されたメッセージ（インジェクト）", "## 付録 C　記述の確認（非難なき振り返り）",
                        "## 付録 D　ロール"] {
            #expect(japanese.contains(heading + "\n"), "missing: \(heading)")
        }
        let english = MarkdownReportRenderer.render(report, context: ReportContext(for: report, language: .english))
        #expect(english.contains("## 1. Exercise overview") && english.contains("## 5. Improvement plan"))
        #expect(!english.contains("演習の概要"))
        let html = HTMLReportRenderer.render(report, context: ReportContext(for: report, language: .english))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(HTMLReportRenderer.render(report, context: Self.tokyo).contains("<html lang=\"ja\">"))
    }

    @Test("every Markdown table lines up by display width, Japanese text included")
    func tablesAreAligned() throws {
        let report = try ReportFixtures.japanese()
        for context in [Self.tokyo, ReportContext(for: report, language: .english)] {
            let tables = ReportFixtures.markdownTables(MarkdownReportRenderer.render(report, context: context))
            #expect(tables.count >= 10)
            for table in tables {
                // Widths by Python's Unicode tables, not by the renderer's own function.
                let widths = Set(try SystemTool.displayWidths(table))
                #expect(widths.count == 1, "\(table.joined(separator: "\n"))")
                // Every row has as many cells as the header.
                #expect(Set(table.map { ReportFixtures.cells($0).count }).count == 1, "\(table.joined(separator: "\n"))")
            }
        }
    }

    @Test("overview, headline, analysis, plan, feedback, controls and evidence carry what the committee files")
    func markdownContent() throws {
        let report = try ReportFixtures.japanese()
        let md = MarkdownReportRenderer.render(report, context: Self.tokyo)
        let rows = ReportFixtures.markdownTables(md).flatMap { $0 }.map(ReportFixtures.cells)
        // Local time in the overview, UTC in the evidence; mode; departments and roles (roles, never names).
        #expect(rows.contains(["実施日時（現地時刻）", "2026-01-10 13:12:00 (UTC+09:00, Asia/Tokyo)"]))
        #expect(rows.contains(["開始（UTC）", "2026-01-10 04:12:00 UTC"]))
        #expect(rows.contains(["実施形態", "ライブ：参加者がリアルタイムで対応、速度 1 倍"]))
        #expect(rows.contains(["参加部門とロール", "**プロモーション部**：プロモーション担当、**商品企画部**：商品企画担当"]))
        // The score with its coverage, and the response timeline on one line, in Japanese punctuation.
        #expect(md.contains("**スコア**：**70\\.7** / 100 — カバー範囲：目標 4 件中 4 件、重み 5 中 5"))
        #expect(md.contains("検知 1:00 → 受領 1:40（検知から +0:40） → 有効なエスカレーション 8:20（検知から +7:20） → 最初の有効な対応 11:40（検知から +10:40） → 収束 なし"))
        // The automatic rating beside the evaluator's; observations sorted into strengths and
        // areas for improvement, by evaluator number, never by an id.
        #expect(md.contains("- 自動評定：**S** 一部に課題があったが実施\n- 評価者の評定：**M** 大きな課題があったが実施\n- 期待される行動：上長に電話で報告する。"))
        #expect(md.contains("**改善すべき点**\n\n- **M** 改善点：チャットで報告を繰り返した。（6:40、評価者 1）"))
        #expect(md.contains("**良かった点**\n\n- **P** 良かった点：差し替えが早かった。（12:00、評価者 1）"))
        #expect(!md.contains("evaluator-1") && !md.contains("`escalate`") && !md.contains("leak-ja"), "ids stay in the record")
        // The improvement plan with every column, overdue marked, closed with its evidence.
        #expect(rows.contains(["\\#", "目標", "課題", "是正措置", "能力要素", "主担当組織／ロール", "開始日", "完了予定日", "状態", "完了の証跡"]))
        #expect(rows.contains { $0.first == "1" && $0.contains("**⚠ 期限超過**、未着手") && $0.contains("計画") && $0.contains("上長に電話で報告する") })
        #expect(rows.contains { $0.first == "2" && $0.last == "手順書 v2.3、2026-02-01 完了" })
        // Survey: answers, median, the scale the participants answered on, text answers.
        #expect(rows.contains(["1", "報告先は明確でしたか？", "2", "3", "4, 2"]))
        #expect(md.contains("_評点はアンケートと同じ 1 — 不十分 〜 5 — 十分 です。_"))
        #expect(md.contains("- 役割分担は良かった"))
        // Controls by name, with the objectives that give evidence for them.
        #expect(rows.contains { $0.first == "**A.5.24**" && $0.last == "演習全体" })
        #expect(rows.contains { $0.first == "**A.5.26**" && $0.last == "上長に電話で報告する **S**、PDF を差し替える **P**" })
        #expect(rows.contains { $0.first == "**IR-3**" && $0.contains("インシデント対応のテスト") })
        #expect(rows.contains { $0.first == "**RS**" })
        // Evidence: run id, SHA-256, chain head, verification.
        #expect(rows.contains(["チェーンの検証", "✓ 正常：本報告書の作成時に 42 件のイベントを検証"]))
        #expect(rows.contains(["シナリオ SHA-256", "`" + String(repeating: "ab", count: 32) + "`"]))
        // The event log speaks of roles and channels in words.
        #expect(rows.contains(["3:20", "行動：エスカレーション", "**プロモーション担当** → 上長（山本部長）（チャット）：部長、至急"]))
        // The wording review lists the flagged passage, with the name replaced.
        #expect(rows.contains { $0.first == "所見 3" && $0.contains("［参加者］さんのミスで遅れた。") })
        #expect(!md.contains("田中"))
    }

    @Test("a drill ended early never shows a score without its coverage")
    func earlyEnd() throws {
        let report = try ReportFixtures.japanese(endingAt: .seconds(450), reason: .endedByTrainer)
        #expect(!report.coverage.complete)
        let md = MarkdownReportRenderer.render(report, context: ReportContext(for: report, language: .english))
        let scoreLine = try #require(md.split(separator: "\n").first { $0.hasPrefix("**Score**") })
        #expect(scoreLine.contains("Coverage: 1 of 4 objectives, weight 1 of 5"), "\(scoreLine)")
        #expect(!scoreLine.contains("ran to its end"))
        #expect(md.contains("> **⚠ The drill ended early at 7:30: the score covers only the objectives exercised; 3 objectives were not exercised"))
        let html = HTMLReportRenderer.render(report, context: ReportContext(for: report, language: .english))
        let text = ReportFixtures.visibleText(html)
        #expect(text.contains("Score 100 / 100 Coverage: 1 of 4 objectives, weight 1 of 5"), "\(text.prefix(3000))")
        #expect(html.contains("class=\"card incomplete\""))
        #expect(text.contains("⚠ The drill ended early at 7:30"))
        // The timeline marks the part never played.
        #expect(text.contains("not played (ended early)"))
    }

    @Test("the HTML report is one self-contained file: inline CSS and SVG, no script, nothing fetched, printable on A4")
    func selfContained() throws {
        let report = try ReportFixtures.japanese()
        let html = HTMLReportRenderer.render(report, context: Self.tokyo)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link") && !html.contains("@import") && !html.contains("url(http"))
        // The only address in the file is SVG's namespace.
        let addresses = html.components(separatedBy: "://").dropFirst().map { String($0.prefix(22)) }
        #expect(!addresses.isEmpty && addresses.allSatisfy { $0.hasPrefix("www.w3.org/2000/svg\"") }, "\(addresses)")
        #expect(html.contains("@page { size: A4;") && html.contains("@media print"))
        #expect(html.contains("\"Noto Sans CJK JP\"") && html.contains("Meiryo"))
        #expect(html.components(separatedBy: "<svg ").count == 3)
    }

    @Test("the HTML report, golden by content: what a reader sees, in order")
    func htmlGolden() throws {
        let report = try ReportFixtures.japanese()
        let text = ReportFixtures.visibleText(HTMLReportRenderer.render(report, context: Self.tokyo))
        let expected = [
            "インシデント対応演習・HSEEP 形式 AAR/IP", "事後検証報告書（AAR）・改善計画（IP）", "パンフレットからの情報漏えい",
            "1. 演習の概要", "2. 結果の要点", "3. タイムライン", "4. 目標ごとの分析", "5. 改善計画", "8. 証跡", "付録 D ロール",
            "1. 演習の概要", "演習名 パンフレットからの情報漏えい",
            "実施日時（現地時刻） 2026-01-10 13:12:00 (UTC+09:00, Asia/Tokyo)", "所要時間 30:00（予定 30:00、予定時間に到達）",
            "実施形態 ライブ：参加者がリアルタイムで対応、速度 1 倍", "範囲 目標 4 件（重み計 5）、インジェクト 2 件、2 部門",
            "参加部門とロール プロモーション部 ：プロモーション担当 商品企画部 ：商品企画担当",
            "firedrill が演じるロール 上長（山本部長）", "進行 参加者の行動 4 件、配信メッセージ 1 件（うちアドリブ 0 件）、一時停止 0 回、中断 0 回",
            "シナリオ概要 誤った版の PDF が配信された。上長はチャットを見ない。",
            "2. 結果の要点", "スコア 70.7 / 100 カバー範囲：目標 4 件中 4 件、重み 5 中 5 訓練は最後まで実施",
            "評定 P 2 S 1 M 0 U 1 P：課題なく実施、S：一部に課題があったが実施、M：大きな課題があったが実施、U：実施できず",
            "改善計画 未完了 1 件 完了 1 件、期限超過 1 件",
            "対応の流れ 検知 1:00 受領 1:40 検知から +0:40 有効なエスカレーション 8:20 検知から +7:20 最初の有効な対応 11:40 検知から +10:40 収束 なし",
            "時間の指標", "有効なエスカレーションまでの時間 エスカレーション目標を満たした最初のもの（正しい相手・手段） 8:20 7:20",
            "3. タイムライン", "インジェクト", "プロモーション担当", "商品企画担当", "上長（山本部長）", "目標",
            "1. 1:00 — PDF に未発表の提携が載っています", "2. 15:00 — 【至急】抗議",
            "1:40 受領：確認しました — 「受領を表明する」を達成", "上長に電話で報告する：達成 8:20（S）",
            "目標ごとの達成度", "上長に電話で報告する：0.77（S）",
            "4. 目標ごとの分析", "受領を表明する 受領 1 2:00 4:00 0:40 1 P P – プロモーション担当",
            "上長に電話で報告する エスカレーション 2 5:00 15:00 7:20 0.77 S S M 商品企画担当",
            "4.2. 上長に電話で報告する", "エスカレーション · 重み 2",
            "状態 達成 8:20、計時開始から 7:20（計時開始 1:00） — 商品企画担当（目標時間 5:00、上限時間 15:00）",
            "自動評定 S 一部に課題があったが実施 評価者の評定 M 大きな課題があったが実施 期待される行動 上長に電話で報告する。",
            "管理策 A.5.25 情報セキュリティ事象の評価及び決定、A.5.26 情報セキュリティインシデントへの対応、IR-6 インシデント報告、RS 対応",
            "改善すべき点 M 改善点：チャットで報告を繰り返した。 （6:40、評価者 1）",
            "演習全体についての所見", "その他の所見", "［参加者］さんのミスで遅れた。",
            "5. 改善計画", "上長に電話で報告する 会議中の上長に連絡する手段が手順書にない", "⚠ 期限超過 未着手", "手順書 v2.3 2026-02-01 完了",
            "6. 参加者アンケート", "報告先は明確でしたか？ 2 3 4, 2", "評点はアンケートと同じ 1 — 不十分 〜 5 — 十分 です。",
            "振り返り：うまくいった点は？", "役割分担は良かった",
            "7. 管理策・フレームワークとの対応", "A.5.24 ISO/IEC 27001:2022 情報セキュリティインシデント管理の計画策定及び準備 演習全体",
            "IR-3 NIST SP 800-53 Rev. 5 インシデント対応のテスト 演習全体",
            "8. 証跡", "実行 ID r-20260101-000000-abcd （終了）", "開始（UTC） 2026-01-10 04:12:00 UTC",
            "シナリオ SHA-256 " + String(repeating: "ab", count: 32),
            "イベントチェーンの先頭ハッシュ " + String(repeating: "cd", count: 32), "チェーンの検証 ✓ 正常：本報告書の作成時に 42 件のイベントを検証",
            "付録 A 事象ログ", "3:20 行動：エスカレーション プロモーション担当 → 上長（山本部長）（チャット）：部長、至急",
            "15:00 メッセージ見送り（条件不成立） メール： 【至急】抗議 → 全員",
            "付録 B 配信されたメッセージ（インジェクト）", "2 【至急】抗議 メール 見送り（条件不成立） 15:00",
            "付録 C 記述の確認（非難なき振り返り）", "［参加者］さんのミスで遅れた。",
            "付録 D ロール", "上長（山本部長） プロモーション部 模擬ロール",
        ]
        var position = text.startIndex
        for fragment in expected {
            guard let range = text.range(of: fragment, range: position..<text.endIndex) else {
                Issue.record("missing, or out of order: \(fragment)\n\nafter: \(text[position...].prefix(400))")
                continue
            }
            position = range.upperBound
        }
        #expect(!text.contains("田中"), "names never appear in reports")
        #expect(!text.contains("leak-ja") && !text.contains("evaluator-1"), "ids stay in the record")
    }

    @Test("the timeline chart has a lane per role, the target and limit windows, and the marks of objectives met")
    func timelineChart() throws {
        let report = try ReportFixtures.japanese()
        let svg = SVGTimelineChart(report: report, strings: ReportStrings(.japanese)).render()
        for role in report.roles { #expect(svg.contains(">\(role.name)</text>"), "\(role.name)") }
        // Each objective with a clock start has a target window (green), and one with a limit
        // after it a limit window (amber).
        #expect(svg.components(separatedBy: "fill=\"#9ae6b4\"").count - 1 == report.objectives.count + 1)
        #expect(svg.components(separatedBy: "fill=\"#fbd38d\"").count - 1 == report.objectives.count + 1)
        // Met: a check mark titled with the objective; missed: a cross.
        for objective in report.objectives where objective.status == .met {
            #expect(svg.contains("<title>\(objective.name!)：達成"), "\(objective.id)")
        }
        #expect(svg.contains("<title>報告書を書く：未達</title>"))
        // Injects are numbered as in the appendix; the escalation to the persona is linked.
        #expect(svg.contains(">1</text>") && svg.contains(">2</text>"))
        #expect(svg.contains("stroke-dasharray=\"3 2\""))
    }

    @Test("the credit chart has a bar per objective exercised, coloured by rating")
    func creditChart() throws {
        let report = try ReportFixtures.japanese(endingAt: .seconds(450), reason: .endedByTrainer)
        let svg = SVGCreditChart(report: report, strings: ReportStrings(.english)).render()
        #expect(svg.contains("<title>受領を表明する: 1 (P)</title>"))
        #expect(svg.components(separatedBy: ">not exercised</text>").count - 1 == 3)
    }
}
