import FiredrillCore
import Foundation
import Testing
@testable import FiredrillSpreadsheets

/// Every problem of an import in Japanese too: the spreadsheet's own messages come from
/// ``SpreadsheetMessage``'s catalog, the loader's from ``ValidationMessage``'s, each at the
/// same cell as in English.
@Suite("Problems in Japanese")
struct JapaneseMessageTests {
    /// ASCII words a Japanese template may hold: names of file formats and programs, and the
    /// forms people type (`15m`, `T+15`, `delivered(…)`), which are not English prose.
    static let allowedASCII: Set<String> = [
        "XLSX", "CSV", "ZIP", "XML", "MSEL", "UTF", "Excel", "LibreOffice", "OpenDocument", "Word", "PowerPoint", "VBA",
        "Windows", "Shift_JIS", "Unicode", "BOM", "NUL", "MB", "xlsx", "xls", "xlsb", "ods", "csv", "xl", "workbook", "xml",
        "DOCTYPE", "ENTITY", "ID", "m", "s", "h", "T", "D", "H", "M", "delivered", "time", "Injects",
        "B", "J", // 50 4B 03 04, Windows-31J

    ]

    @Test("every message has English and Japanese text naming the same placeholders")
    func catalog() {
        for key in SpreadsheetMessage.Key.allCases {
            let (english, japanese) = key.templates
            #expect(!english.isEmpty && !japanese.isEmpty, "\(key)")
            #expect(Set(SpreadsheetMessage.placeholders(in: english)) == Set(SpreadsheetMessage.placeholders(in: japanese)), "\(key)")
            #expect(english != japanese || key == .loaderProblem, "\(key) is not translated")
            let withoutPlaceholders = japanese.replacingOccurrences(of: #"\{[a-zA-Z]+\}"#, with: "", options: .regularExpression)
            let words = withoutPlaceholders.split { !($0.isASCII && ($0.isLetter || $0 == "_")) }.map(String.init)
            let foreign = words.filter { !Self.allowedASCII.contains($0) }
            #expect(foreign.isEmpty, "\(key): English words in the Japanese text: \(foreign)")
        }
    }

    static let header = ["番号", "時刻", "宛先", "手段", "件名"]

    static func japaneseWorkbook() throws -> Data {
        var book = WorkbookFixture()
        func rows(_ table: [[String]]) -> String {
            table.enumerated().map { WorkbookFixture.textRow($0.offset + 1, $0.element) }.joined()
        }
        book.sheet("MSEL", rows: rows([
            header,
            ["1", "0:05:00", "全員", "メール", "障害発生"],
            ["2", "そのうち", "全員", "電話", "続報"],         // a time that cannot be read
            ["3", "0:20:00", "全員", "メールー", "復旧見込み"], // an unknown channel
            ["1", "0:25:00", "全員", "チャット", "再送"],      // a duplicate id (the loader's)
            ["5", "0:30:00", "全員", "チャット", ""],          // no subject (the loader's)
        ]))
        book.sheet("シナリオ", rows: rows([["ID", "訓練"], ["タイトル", "訓練"], ["所要時間", "1時間"]]))
        book.sheet("役割", rows: rows([["担当者一覧"], ["田中"]]))   // no header row
        book.sheet("目標", rows: rows([["ID", "種類", "目標時間"], ["ack", "確認", "5分"]]))
        return try book.data()
    }

    @Test("a Japanese workbook's problems in Japanese, at the same cells as in English")
    func japaneseWorkbook() throws {
        let result = MSELImport.read(try Self.japaneseWorkbook(), fileName: "訓練.xlsx", language: .japanese)
        let english = result.formattedProblems(in: .english)
        let japanese = result.formattedProblems
        #expect(japanese == result.formattedProblems(in: .japanese))
        #expect(japanese == [
            "訓練.xlsx:MSEL!B3: 「時刻」：「そのうち」は経過時間として読めません。0:15:00、15:00（分:秒）、15m、20分、1h30m、+15m、T+15、D+0 H+1 M+30 のように書いてください",
            "訓練.xlsx:MSEL!D4: 手段「メールー」はありません。「email」の書き間違いではありませんか？",
            "訓練.xlsx:MSEL!A5: インジェクトの「id」（識別名）「inject-1」が重複しています（最初は MSEL!A2）。インジェクトの「id」はそれぞれ別の名前にしてください",
            "訓練.xlsx:MSEL!E6: 「subject」（件名）が空です。インジェクトには必須です",
            "訓練.xlsx:シナリオ!B1: シナリオの「id」（識別名）の「訓練」は識別名に使えません。半角の英小文字・数字・「-」の 1〜64 文字で、英小文字か数字で始めてください",
            "訓練.xlsx:役割: 見出し行がありません。シート「役割」に、役割の見出し（「ID」「名前」「部署」「ペルソナ手段」「ペルソナ遅延」「ペルソナ返答」など）を 2 つ以上含む行がありません",
        ], "\(japanese.joined(separator: "\n"))")
        #expect(english == [
            "訓練.xlsx:MSEL!B3: time: \"そのうち\" is not a drill time; write e.g. 0:15:00, 15:00 (mm:ss), 15m, 1h30m, +15m, T+15 or D+0 H+1 M+30",
            "訓練.xlsx:MSEL!D4: unknown channel \"メールー\"; did you mean \"email\"?",
            "訓練.xlsx:MSEL!A5: duplicate inject id 'inject-1' (first defined at MSEL!A2); inject ids must be unique",
            "訓練.xlsx:MSEL!E6: subject is empty; an inject needs one",
            "訓練.xlsx:シナリオ!B1: scenario id '訓練' is not a slug: use 1–64 lower-case letters, digits and '-', starting with a letter or digit",
            "訓練.xlsx:役割: no header row: no row of sheet 役割 has two of its headers (id, name, department, persona channels, persona delay, persona reply; ID, 名前, 部署 …)",
        ], "\(english.joined(separator: "\n"))")
        // The same problems at the same places: only the words differ.
        #expect(japanese.map { $0.prefix { $0 != " " } } == english.map { $0.prefix { $0 != " " } })
        #expect(MSELImport.read(try Self.japaneseWorkbook(), fileName: "訓練.xlsx").formattedProblems == english)
        #expect(result.headerLanguage == .japanese)
    }

    @Test("files refused as a whole, in Japanese")
    func refusedFiles() throws {
        var book = HostileFileTests.minimalBook()
        book.extraParts["xl/media/zeros.bin"] = Data(count: 70 * 1_048_576)
        let bomb = MSELImport.read(try book.data(), fileName: "plan.xlsx", language: .japanese).formattedProblems
        let text = MSELImport.read(Data("id,time,to\n1,5m,all\n".utf8), fileName: "plan.xlsx", language: .japanese).formattedProblems
        let csv = MSELImport.read(Data([0x50, 0x4B, 0x03, 0x04, 0, 0]), fileName: "plan.csv", language: .japanese).formattedProblems
        #expect(bomb == ["plan.xlsx: 展開すると 64 MB を超えます（中の部品の記録上の大きさは 70 MB 以上です）。大きすぎるか ZIP 爆弾のため、受け付けられません。MSEL は画像や埋め込みファイルのない小さなブックにまとめてください"])
        #expect(text == ["plan.xlsx: ファイル名はブックのものですが、中身は XLSX 形式のブック（ZIP アーカイブ）ではなくテキスト（CSV など）です。CSV であれば拡張子を .csv にするか、Excel で「Excel ブック (*.xlsx)」として保存してください"])
        #expect(csv == ["plan.csv: CSV のテキストではなく、ZIP アーカイブ（XLSX 形式のブック？）です。ブックであれば、拡張子を .xlsx にしてください"])
    }

    @Test("a CSV file's problems in Japanese: rows for the loader's line numbers")
    func csv() throws {
        let csv = "番号,時刻,宛先,手段,件名\r\n1,0:05:00,全員,メール,開始\r\n2,15,全員,チャット,続報\r\n2,0:10:00,全員,電話,\r\n"
        let result = MSELImport.read(Data(csv.utf8), fileName: "plan.csv", language: .japanese)
        #expect(result.formattedProblems == [
            "plan.csv: 警告：役割がありません（どのインジェクトも宛先が全員で、役割のシートもありません）。シナリオには役割「player」（参加者）を 1 つ設けます",
            "plan.csv: 警告：目標がありません（CSV ファイルにあるのは MSEL だけです）。シナリオには、最初のインジェクトを 5 分以内に確認すれば達成となる目標「acknowledge-first-inject」を 1 つ設けます。訓練を採点するには、目標を追加してください",
            "plan.csv: 警告：訓練時間の指定がありません（CSV ファイルにあるのは MSEL だけです）。訓練時間は 25分（最後のインジェクトの 15 分後まで）とします。変えるには「シナリオ」シートで「所要時間」を指定してください",
            "plan.csv:3:2: 「時刻」：「15」に単位がありません。分なら 15m か 15分、秒なら 15s のように、または T+15 と書いてください",
            "plan.csv:4:1: インジェクトの「id」（識別名）「inject-2」が重複しています（最初は 3 行目）。インジェクトの「id」はそれぞれ別の名前にしてください",
            "plan.csv:4:5: 「subject」（件名）が空です。インジェクトには必須です",
        ], "\(result.formattedProblems.joined(separator: "\n"))")
        #expect(result.formattedProblems(in: .english).contains("plan.csv:4:1: duplicate inject id 'inject-2' (first defined at row 3); inject ids must be unique"))
    }
}
