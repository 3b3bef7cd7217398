import FiredrillYAML
import Foundation
import Testing

/// `firedrill msel export` and `msel import` through the executable: files, exit codes,
/// problems on standard error at their cells.
@Suite("firedrill msel")
struct MSELCommandTests {
    @Test("export a bundled scenario as a workbook, import it: the same scenario on standard output")
    func roundTrip() throws {
        let directory = try CLI.temporaryDirectory()
        let workbook = directory.appendingPathComponent("plan.xlsx").path
        let exported = try CLI.run(["msel", "export", "cloud-region-outage-ja", "-o", workbook, "--lang", "en"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("plan.xlsx: written — 'cloud-region-outage', 15 injects"))
        let imported = try CLI.run(["msel", "import", workbook])
        #expect(imported.status == 0 && imported.stderr == "", "\(imported.stderr)")
        let original = ScenarioLoader().load(path: CLI.packageRoot.appendingPathComponent("Sources/FiredrillScenarios/Scenarios/cloud-region-outage-ja.yaml").path)
        let back = ScenarioLoader().load(data: Data(imported.stdout.utf8), path: "back.yaml")
        #expect(back.scenario != nil && back.scenario == original.scenario, "\(back.formattedDiagnostics)")
        // -o writes the file and says so on standard error.
        let yaml = directory.appendingPathComponent("plan.yaml").path
        let written = try CLI.run(["msel", "import", workbook, "-o", yaml])
        #expect(written.status == 0 && written.stdout == "")
        #expect(try String(contentsOfFile: yaml, encoding: .utf8) == imported.stdout)
    }

    @Test("a CSV export is the MSEL with a warning; its import warns and, with met(…) conditions, fails at their cells")
    func csv() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("plan.csv").path
        let exported = try CLI.run(["msel", "export", "cloud-region-outage", "-o", csv])
        #expect(exported.status == 0 && exported.stderr.contains("warning: a CSV file holds the MSEL sheet only"))
        let data = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let imported = try CLI.run(["msel", "import", csv, "-o", directory.appendingPathComponent("out.yaml").path])
        #expect(imported.status == 1 && imported.stdout == "")
        #expect(imported.stderr.contains("plan.csv:7:5: in 'if': unknown objective 'escalate-vp' in met(escalate-vp) (a CSV file has no objectives"), "\(imported.stderr)")
        #expect(imported.stderr.contains("plan.csv: not converted: 8 errors"), "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.yaml").path))
    }

    @Test("a Japanese scenario's export speaks Japanese: its warning and what was written")
    func japaneseExport() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("計画.csv").path
        let exported = try CLI.run(["msel", "export", "cloud-region-outage-ja", "-o", csv])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("計画.csv: 警告：CSV ファイルに入るのは MSEL シートだけです"), "\(exported.stderr)")
        #expect(exported.stderr.contains("計画.csv: 書き出しました（「cloud-region-outage」：インジェクト 15 件、MSEL シートのみ）"), "\(exported.stderr)")
        #expect(!exported.stderr.contains("warning"))
    }

    @Test("problems at their cells, exit 1, nothing written")
    func problems() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("plan.csv")
        try Data("id,time,to,channel,subject\r\n1,0:05:00,all,chat,Start\r\n2,0:10:00,all,emial,Mail\r\n".utf8).write(to: csv)
        let result = try CLI.run(["msel", "import", csv.path])
        #expect(result.status == 1 && result.stdout == "")
        #expect(result.stderr.contains("\(csv.path):3:4: unknown channel \"emial\"; did you mean \"email\"?"), "\(result.stderr)")
        let missing = try CLI.run(["msel", "import", directory.appendingPathComponent("none.xlsx").path])
        #expect(missing.status == 1 && missing.stderr.contains("none.xlsx: no such file"), "\(missing.stderr)")
        let notZIP = directory.appendingPathComponent("fake.xlsx")
        try Data("id,time\n".utf8).write(to: notZIP)
        let fake = try CLI.run(["msel", "import", notZIP.path])
        #expect(fake.status == 1 && fake.stderr.contains("fake.xlsx: is named like a workbook but holds text (CSV?)"), "\(fake.stderr)")
    }

    @Test("export needs an .xlsx or .csv name; an invalid scenario is refused as other commands refuse it")
    func exportUsage() throws {
        let directory = try CLI.temporaryDirectory()
        let wrong = try CLI.run(["msel", "export", "cloud-region-outage", "-o", directory.appendingPathComponent("plan.ods").path])
        #expect(wrong.status == 64 && wrong.stderr.contains("-o must name an .xlsx or a .csv file"), "\(wrong.stderr)")
        let bad = directory.appendingPathComponent("bad.yaml")
        try Data("firedrill: 1\nid: x\n".utf8).write(to: bad)
        let invalid = try CLI.run(["msel", "export", bad.path, "-o", directory.appendingPathComponent("x.xlsx").path])
        #expect(invalid.status == 2 && invalid.stderr.contains("the scenario is not valid"), "\(invalid.stderr)")
    }

    @Test("--lang ja prints every problem in Japanese at the same cells; Japanese headers choose Japanese by themselves")
    func japanese() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("plan.csv")
        try Data("id,time,to,channel,subject\r\n1,0:05:00,all,chat,Start\r\n2,soon,all,emial,Mail\r\n".utf8).write(to: csv)
        let english = try CLI.run(["msel", "import", csv.path])
        let japanese = try CLI.run(["msel", "import", csv.path, "--lang", "ja"])
        #expect(japanese.status == 1 && japanese.stdout == "")
        #expect(japanese.stderr.contains("\(csv.path):3:2: 「時刻」：「soon」は経過時間として読めません。"), "\(japanese.stderr)")
        #expect(japanese.stderr.contains("\(csv.path):3:4: 手段「emial」はありません。「email」の書き間違いではありませんか？"), "\(japanese.stderr)")
        #expect(japanese.stderr.contains("\(csv.path): 変換しませんでした。エラーが 2 件あります。"), "\(japanese.stderr)")
        #expect(english.stderr.contains("\(csv.path):3:4: unknown channel \"emial\"; did you mean \"email\"?"), "\(english.stderr)")
        #expect(english.stderr.contains("\(csv.path): not converted: 2 errors"), "\(english.stderr)")
        func places(_ text: String) -> [Substring] { text.split(separator: "\n").map { $0.prefix { $0 != " " } } }
        #expect(places(japanese.stderr) == places(english.stderr))
        // Japanese headers: Japanese messages without --lang, English with --lang en.
        let japaneseCSV = directory.appendingPathComponent("訓練.csv")
        try Data("番号,時刻,宛先,手段,件名\r\n1,0:05:00,全員,メール,開始\r\n2,15,全員,電話,続報\r\n".utf8).write(to: japaneseCSV)
        let chosen = try CLI.run(["msel", "import", japaneseCSV.path])
        #expect(chosen.status == 1 && chosen.stderr.contains("\(japaneseCSV.path):3:2: 「時刻」：「15」に単位がありません。"), "\(chosen.stderr)")
        let asked = try CLI.run(["msel", "import", japaneseCSV.path, "--lang", "en"])
        #expect(asked.stderr.contains("\(japaneseCSV.path):3:2: time: \"15\" has no unit"), "\(asked.stderr)")
        // A file refused as a whole, and one that is not there.
        let fake = directory.appendingPathComponent("fake.xlsx")
        try Data("id,time\n".utf8).write(to: fake)
        let refused = try CLI.run(["msel", "import", fake.path, "--lang", "ja"])
        #expect(refused.status == 1 && refused.stderr.contains("fake.xlsx: ファイル名はブックのものですが"), "\(refused.stderr)")
        let missing = try CLI.run(["msel", "import", directory.appendingPathComponent("none.xlsx").path, "--lang", "ja"])
        #expect(missing.status == 1 && missing.stderr.contains("none.xlsx: ファイルがありません"), "\(missing.stderr)")
    }

    @Test("help lists the commands and says what the files hold")
    func help() throws {
        let top = try CLI.run(["--help"])
        #expect(top.stdout.contains("msel"))
        let importHelp = try CLI.run(["msel", "import", "--help"])
        #expect(importHelp.stdout.contains("FILE:SHEET!CELL") && importHelp.stdout.contains("Windows-31J"))
        #expect(importHelp.stdout.contains("--lang <lang>") && importHelp.stdout.contains("Language of the messages"), "\(importHelp.stdout)")
        let exportHelp = try CLI.run(["msel", "export", "--help"])
        #expect(exportHelp.stdout.contains("--lang <lang>") && exportHelp.stdout.contains("(values: en,"))
    }
}
