import FiredrillCore
import Foundation
import Testing
@testable import FiredrillSpreadsheets

/// Every problem at its cell (`FILE:SHEET!CELL: message`, `FILE:ROW:COL: message` for CSV),
/// all in one pass: what is found while reading a cell, and what the loader finds in the
/// scenario the sheets make, mapped back to the cell it came from.
@Suite("Problems at their cells")
struct ImportProblemTests {
    static func workbook(msel: [[String]], roles: [[String]]? = nil, objectives: [[String]]? = nil, scenario: [[String]]? = nil) throws -> Data {
        var book = WorkbookFixture()
        func rows(_ table: [[String]]) -> String {
            table.enumerated().map { WorkbookFixture.textRow($0.offset + 1, $0.element) }.joined()
        }
        book.sheet("MSEL", rows: rows(msel))
        if let scenario { book.sheet("Scenario", rows: rows(scenario)) }
        if let roles { book.sheet("Roles", rows: rows(roles)) }
        if let objectives { book.sheet("Objectives", rows: rows(objectives)) }
        return try book.data()
    }

    static let header = ["No.", "Time", "To", "Channel", "Subject", "When"]
    static let roles = [["id", "name"], ["ic", "Incident commander"], ["sre", "SRE on call"]]
    static let objectives = [["id", "kind", "target", "from"], ["ack", "acknowledge", "5m", "1"]]
    static let scenario = [["id", "plan"], ["title", "Plan"], ["duration", "1h"]]

    @Test("the contract's example: an unknown channel at its cell, with a did-you-mean")
    func unknownChannel() throws {
        let data = try Self.workbook(msel: [Self.header, ["1", "0:05:00", "ic", "chat", "Start", ""], ["2", "0:10:00", "ic", "emial", "Mail", ""]],
                                     roles: Self.roles, objectives: Self.objectives, scenario: Self.scenario)
        let result = MSELImport.read(data, fileName: "plan.xlsx")
        #expect(result.formattedProblems == ["plan.xlsx:MSEL!D3: unknown channel \"emial\"; did you mean \"email\"?"])
        #expect(result.scenario == nil && result.yaml == nil && result.hasErrors)
    }

    @Test("all problems in one pass, in sheet, row and column order, each at its cell")
    func onePass() throws {
        let msel = [
            Self.header,
            ["1", "0:05:00", "ic", "chat", "Start", ""],
            ["2", "soon", "ic, bob", "phone", "Call", ""],          // bad time, unknown role
            ["3", "", "sre", "email", "Mail", "delivered(inject-9)"], // unknown inject in when
            ["1", "0:20:00", "all", "chat", "Again", ""],             // duplicate id
            ["5", "2:00:00", "sre", "chat", "", ""],                  // after the end, no subject
        ]
        let data = try Self.workbook(msel: msel, roles: Self.roles, objectives: Self.objectives + [["esc", "escalate", "10m", ""]], scenario: Self.scenario)
        let lines = MSELImport.read(data, fileName: "plan.xlsx").formattedProblems
        #expect(lines == [
            "plan.xlsx:MSEL!B3: time: \"soon\" is not a drill time; write e.g. 0:15:00, 15:00 (mm:ss), 15m, 1h30m, +15m, T+15 or D+0 H+1 M+30",
            "plan.xlsx:MSEL!C3: unknown role \"bob\" in to (roles: ic, sre)",
            "plan.xlsx:MSEL!F4: in 'when': unknown inject 'inject-9' in delivered(inject-9); did you mean 'inject-1'?",
            "plan.xlsx:MSEL!A5: duplicate inject id 'inject-1' (first defined at MSEL!A2); inject ids must be unique",
            "plan.xlsx:MSEL!B6: 'at' 2h is after the end of the drill (duration 1h); deliver it earlier or lengthen the drill",
            "plan.xlsx:MSEL!E6: subject is empty; an inject needs one",
            "plan.xlsx:Objectives!A3: escalate objective 'esc' needs 'to:', the role that must be escalated to",
        ], "\(lines.joined(separator: "\n"))")
    }

    @Test("CSV problems are FILE:ROW:COL, row and column from 1")
    func csvPositions() throws {
        let csv = "番号,時刻,宛先,手段,件名\r\n1,0:05:00,全員,メール,開始\r\n2,T+15,全員,メールー,続報\r\n"
        let result = MSELImport.read(Data(csv.utf8), fileName: "plan.csv")
        #expect(result.problems.filter(\.isError).map { $0.formatted(file: "plan.csv") } == ["plan.csv:3:4: unknown channel \"メールー\"; did you mean \"email\"?"])
    }

    @Test("a missing column is reported once, at the header row, not for every inject")
    func missingColumn() throws {
        let data = try Self.workbook(msel: [["id", "time", "to", "subject"], ["a", "5m", "all", "One"], ["b", "6m", "all", "Two"]],
                                     roles: Self.roles, objectives: [["id", "kind", "target"], ["ack", "acknowledge", "5m"]], scenario: Self.scenario)
        let lines = MSELImport.read(data, fileName: "plan.xlsx").formattedProblems
        #expect(lines == ["plan.xlsx:MSEL!A1: sheet MSEL has no channel column; add one headed \"channel\", \"method\", \"delivery method\", \"手段\", \"チャネル\", \"伝達手段\""], "\(lines)")
    }

    @Test("unknown and duplicate headers are warnings; their values go to notes")
    func unknownHeaders() throws {
        let data = try Self.workbook(msel: [["id", "time", "to", "chanel", "subject", "channel", "Owner", "Title"], ["a", "5m", "all", "x", "One", "chat", "Ann", "Other"]],
                                     roles: Self.roles, objectives: [["id", "kind", "target"], ["ack", "acknowledge", "5m"]], scenario: Self.scenario)
        let result = MSELImport.read(data, fileName: "plan.xlsx")
        #expect(result.formattedProblems == [
            "plan.xlsx:MSEL!D1: warning: unknown column \"chanel\"; did you mean \"channel\"? — its values go to each inject's notes",
            "plan.xlsx:MSEL!G1: warning: unknown column \"Owner\" — its values go to each inject's notes",
            "plan.xlsx:MSEL!H1: warning: a second subject column (\"Title\"); its values go to each inject's notes",
        ])
        #expect(result.scenario?.injects.first?.notes == "chanel: x\nOwner: Ann\nTitle: Other")
    }

    @Test("roles by id or name; all and 全員; a persona from its columns")
    func recipients() throws {
        let data = try Self.workbook(
            msel: [["id", "time", "to", "channel", "subject"], ["a", "5m", "Incident Commander / SRE on call", "chat", "One"], ["b", "6m", "全員", "chat", "Two"],
                   ["c", "7m", "all, ic", "chat", "Three"]],
            roles: [["id", "name", "persona channels", "persona delay"], ["ic", "Incident commander", "", ""], ["sre", "SRE on call", "", ""], ["cto", "CTO", "電話", "2m"]],
            objectives: [["id", "kind", "target"], ["ack", "acknowledge", "5m"]], scenario: Self.scenario)
        let result = MSELImport.read(data, fileName: "plan.xlsx")
        #expect(result.formattedProblems == ["plan.xlsx:MSEL!C4: \"all\" means every player, so it stands alone; write it alone, or list the roles"])
        let fixed = try Self.workbook(
            msel: [["id", "time", "to", "channel", "subject"], ["a", "5m", "Incident Commander / SRE on call", "chat", "One"], ["b", "6m", "全員", "chat", "Two"]],
            roles: [["id", "name", "persona channels", "persona delay"], ["ic", "Incident commander", "", ""], ["sre", "SRE on call", "", ""], ["cto", "CTO", "電話", "2m"]],
            objectives: [["id", "kind", "target"], ["ack", "acknowledge", "5m"]], scenario: Self.scenario)
        let scenario = try #require(MSELImport.read(fixed, fileName: "plan.xlsx").scenario)
        #expect(scenario.injects[0].to == .roles(["ic", "sre"]) && scenario.injects[1].to == .all)
        #expect(scenario.role("cto")?.persona == Persona(channels: ["phone"], delay: .seconds(120)))
    }

    @Test("without a Roles sheet, roles come from the names in to; without objectives, a warning and one objective")
    func derived() throws {
        let csv = "Time,To,Method,Inject\nT+5,Incident Commander、広報,e-mail,Start\nT+10,ops,phone,Next\n"
        let result = MSELImport.read(Data(csv.utf8), fileName: "Tabletop 2024.csv")
        let scenario = try #require(result.scenario, "\(result.formattedProblems)")
        #expect(scenario.id == "tabletop-2024" && scenario.title == "Tabletop 2024")
        #expect(scenario.roles.map(\.id) == ["incident-commander", "role-2", "ops"])
        #expect(scenario.roles.map(\.name) == ["Incident Commander", "広報", "ops"])
        #expect(scenario.injects[0].to == .roles(["incident-commander", "role-2"]))
        #expect(scenario.objectives.map(\.id) == ["acknowledge-first-inject"] && scenario.objectives[0].from == "inject-1")
        #expect(scenario.duration == .seconds(1500))
        #expect(result.formattedProblems == [
            "Tabletop 2024.csv: warning: no objectives (a CSV file holds the MSEL only): the scenario gets one, acknowledge-first-inject, met when the first inject is acknowledged within 5 minutes; add objectives to score the drill",
            "Tabletop 2024.csv: warning: no duration (a CSV file holds the MSEL only): the drill lasts 25m, fifteen minutes after the last inject; set the duration on the Scenario sheet to change it",
        ])
    }

    @Test("objectives by MSEL number; kinds, via and by in Japanese; weights as numbers")
    func objectives() throws {
        let data = try Self.workbook(
            msel: [["番号", "時刻", "宛先", "手段", "件名"], ["1", "5m", "ic", "チャット", "開始"], ["2", "10m", "sre", "メール", "続報"]],
            roles: [["ID", "名前"], ["ic", "IC"], ["sre", "SRE"], ["boss", "部長"]],
            objectives: [["ID", "種類", "担当", "宛先", "手段", "起点", "目標時間", "上限時間", "重み", "キーワード", "管理策"],
                         ["esc", "エスカレーション", "ic、sre", "部長", "電話、メール", "2", "0:10:00", "30m", "2", "", ""],
                         ["rep", "報告", "", "", "", "", "T+60", "", "0.5", "1,000 件、報告書", "A.5.24, RS"]],
            scenario: [["ID", "p"], ["タイトル", "訓練"], ["所要時間", "2h"], ["チャネル", "チャット、メール、電話"]])
        let result = MSELImport.read(data, fileName: "p.xlsx")
        let scenario = try #require(result.scenario, "\(result.formattedProblems)")
        #expect(scenario.channels == ["chat", "email", "phone"] && scenario.language == "ja")
        let esc = try #require(scenario.objective("esc"))
        #expect(esc.kind == .escalate && esc.by == ["ic", "sre"] && esc.to == "boss" && esc.via == ["phone", "email"])
        #expect(esc.from == "inject-2" && esc.target == .seconds(600) && esc.limit == .seconds(1800) && esc.weight == 2)
        let rep = try #require(scenario.objective("rep"))
        #expect(rep.kind == .report && rep.match == ["1,000 件", "報告書"] && rep.controls == ["A.5.24", "RS"] && rep.weight == 0.5)
        #expect(rep.target == .seconds(3600) && rep.limit == .seconds(7200))
    }

    @Test("a channel the scenario does not list, and a role name that is close")
    func channelNotListed() throws {
        let data = try Self.workbook(msel: [["id", "time", "to", "channel", "subject"], ["a", "5m", "Incident comander", "phone", "One"]],
                                     roles: Self.roles, objectives: [["id", "kind", "target"], ["ack", "acknowledge", "5m"]],
                                     scenario: Self.scenario + [["channels", "chat, email"]])
        #expect(MSELImport.read(data, fileName: "plan.xlsx").formattedProblems == [
            "plan.xlsx:MSEL!C2: unknown role \"Incident comander\" in to; did you mean \"ic\"?",
            "plan.xlsx:MSEL!D2: channel \"phone\" is not one of this scenario's channels (chat, email); add phone to channels on the Scenario sheet",
        ])
    }

    @Test("a Scenario sheet's unknown key is a warning with a did-you-mean; a quiz answer that is not a choice number is an error at its cell")
    func scenarioSheet() throws {
        var book = WorkbookFixture()
        book.sheet("MSEL", rows: WorkbookFixture.textRow(1, ["id", "time", "to", "channel", "subject"]) + WorkbookFixture.textRow(2, ["a", "5m", "all", "chat", "One"]))
        book.sheet("Scenario", rows: WorkbookFixture.textRow(1, ["key", "value"]) + WorkbookFixture.textRow(2, ["titel", "Plan"]) + WorkbookFixture.textRow(3, ["duration", "1h"]))
        book.sheet("Quiz", rows: WorkbookFixture.textRow(1, ["question", "choices", "answer"]) + WorkbookFixture.textRow(2, ["Who?", "A\nB", "the first"])
                   + WorkbookFixture.textRow(3, ["Which?", "A\nB\nC", "5"]))
        let lines = MSELImport.read(try book.data(), fileName: "plan.xlsx").formattedProblems
        #expect(lines.contains("plan.xlsx:Scenario!A2: warning: unknown key \"titel\" on the Scenario sheet; did you mean \"title\"? — it is left out (keys: id, title, duration, language, briefing, summary, tags, channels)"), "\(lines)")
        #expect(lines.contains("plan.xlsx:Quiz!C2: answer: write the number of the correct choice, counted from 1 (2, or 1, 3 for several), not \"the first\""), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("plan.xlsx:Quiz!C3:") }, "an answer that is not a choice is named at its cell: \(lines)")
    }

    @Test("the loader's line numbers never leak: a condition error points into its cell")
    func conditions() throws {
        let data = try Self.workbook(msel: [["id", "time", "to", "channel", "subject", "when", "if"], ["a", "5m", "all", "chat", "One", "", ""],
                                            ["b", "", "all", "chat", "Two", "delivered(a) and", ""], ["c", "", "all", "chat", "Three", "delivered(c)", ""],
                                            ["d", "", "all", "chat", "Four", "delivered(a)", "met(ack"]],
                                     roles: Self.roles, objectives: [["id", "kind", "target"], ["ack", "acknowledge", "5m"]], scenario: Self.scenario)
        let lines = MSELImport.read(data, fileName: "plan.xlsx").formattedProblems
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.allSatisfy { !$0.contains("line ") && $0.hasPrefix("plan.xlsx:MSEL!") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("plan.xlsx:MSEL!F3: in 'when'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("plan.xlsx:MSEL!G5: in 'if'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("plan.xlsx:MSEL!F4: inject 'c' can never fire") }, "\(lines)")
    }
}
