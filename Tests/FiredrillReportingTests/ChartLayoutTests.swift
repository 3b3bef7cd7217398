import FiredrillCore
import FiredrillTestSupport
import Foundation
import Testing
@testable import FiredrillReporting

/// The report's charts as a browser lays them out: every label of a crowded drill, with the
/// longest Japanese names, is measured by headless Chromium (with the Noto CJK fonts `.ci/run`
/// installs), and no two labels of a chart may overlap or leave the chart.
@Suite("Report chart layout")
struct ChartLayoutTests {
    static let chromium = "/usr/bin/chromium"

    /// A drill with long Japanese names, injects a few seconds apart, a pause and an early end.
    static func crowded(language: String, name: (String) -> String) throws -> DrillReport {
        let roles = (1...5).map { Role(id: "r\($0)", name: name("担当者\($0)"), department: name("部門\($0)")) }
            + [Role(id: "boss", name: name("上長"), persona: Persona(reply: "了解"))]
        let injects = [10, 12, 14, 16, 18, 300, 302, 900, 1790].enumerated().map { index, second in
            Inject(id: "i\(index)", to: .all, channel: "chat", subject: name("インジェクト\(index)"), trigger: .at(.seconds(Int64(second))))
        }
        let objectives = [
            Objective(id: "ack", name: name("受領を表明する"), kind: .acknowledge, from: "i0", target: .seconds(60)),
            Objective(id: "esc", name: name("上長に報告する"), kind: .escalate, from: "i0", target: .seconds(120), limit: .seconds(600), weight: 2, to: "boss"),
            Objective(id: "act", name: name("対応する"), kind: .action, target: .seconds(900), match: ["対応"]),
            Objective(id: "late", name: name("報告書を書く"), kind: .report, target: .seconds(1500)),
        ]
        let scenario = Scenario(id: "crowded", title: name("訓練"), language: language, duration: .seconds(1800),
                                roles: roles, injects: injects, objectives: objectives)
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        for (index, role) in roles.dropLast().enumerated() {
            _ = try engine.perform(PlayerAction(role: role.id, kind: .acknowledge, text: "確認"), at: .seconds(Int64(20 + index)))
        }
        _ = try engine.perform(PlayerAction(role: "r1", kind: .escalate, text: "報告", target: "boss", channel: "chat"), at: .seconds(40))
        _ = try engine.perform(PlayerAction(role: "r2", kind: .action, text: "対応しました"), at: .seconds(41))
        engine.pause(at: .seconds(200))
        engine.resume()
        engine.end(at: .seconds(640), reason: .endedByTrainer)
        return DrillReport(scenario: scenario, events: engine.events, mode: .replay)
    }

    /// Overlapping label pairs and labels outside their chart, as Chromium measured them.
    static func problems(in html: String) throws -> [String] {
        // The report forbids scripts; the measuring copy lifts that and adds one.
        let measuring = html
            .replacingOccurrences(of: #"<meta http-equiv="Content-Security-Policy""#, with: #"<meta name="csp-lifted""#)
            .replacingOccurrences(of: "</body>", with: """
                <script>
                const problems = [];
                document.querySelectorAll("svg.chart").forEach((svg, chart) => {
                  const frame = svg.getBoundingClientRect();
                  const boxes = [...svg.querySelectorAll("text")].map(t => [t.textContent, t.getBoundingClientRect()]);
                  const pad = 0.5;
                  boxes.forEach(([text, box], i) => {
                    if (box.left < frame.left - pad || box.right > frame.right + pad || box.top < frame.top - pad || box.bottom > frame.bottom + pad)
                      problems.push(`chart ${chart}: '${text}' leaves the chart`);
                    for (const [other, second] of boxes.slice(i + 1)) {
                      const x = Math.min(box.right, second.right) - Math.max(box.left, second.left);
                      const y = Math.min(box.bottom, second.bottom) - Math.max(box.top, second.top);
                      if (x > pad && y > pad) problems.push(`chart ${chart}: '${text}' overlaps '${other}'`);
                    }
                  });
                });
                const out = document.createElement("pre");
                out.id = "layout-problems";
                out.textContent = JSON.stringify({charts: document.querySelectorAll("svg.chart").length, problems});
                document.body.append(out);
                </script></body>
                """)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chart-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.html")
        try measuring.write(to: file, atomically: true, encoding: .utf8)
        let dom = try SystemTool.output([
            chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--dump-dom", file.absoluteString,
        ])
        let start = try #require(dom.range(of: "<pre id=\"layout-problems\">"), "Chromium ran no measuring script:\n\(dom.suffix(400))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(result["charts"] as? Int == 2, "the timeline and the credit chart")
        return result["problems"] as? [String] ?? ["no result: \(json)"]
    }

    @Test("Japanese names as long as they come: no chart label overlaps another or leaves its chart")
    func longJapaneseNames() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "Chromium is missing at \(Self.chromium): install chromium (.ci/run does)")
        let report = try Self.crowded(language: "ja") { "情報セキュリティ委員会事務局（情報システム部）" + $0 + "の確認と連絡の担当" }
        let html = HTMLReportRenderer.render(report, context: ReportContext(language: .japanese, timeZone: TimeZone(identifier: "Asia/Tokyo")!))
        let problems = try Self.problems(in: html)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("long English names: no chart label overlaps another or leaves its chart")
    func longEnglishNames() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "Chromium is missing at \(Self.chromium): install chromium (.ci/run does)")
        let report = try Self.crowded(language: "en") { "Information security committee office, \($0), on call for the whole region" }
        let html = HTMLReportRenderer.render(report, context: ReportContext(language: .english, timeZone: TimeZone(identifier: "UTC")!))
        let problems = try Self.problems(in: html)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
