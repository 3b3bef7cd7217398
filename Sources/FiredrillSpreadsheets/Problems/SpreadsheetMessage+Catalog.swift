extension SpreadsheetMessage {
    /// Every message of reading a spreadsheet, with its English and Japanese templates below.
    /// A template names its values as `{placeholder}`; both templates of a message name the
    /// same ones. A message about the whole file follows its name and a colon
    /// (`plan.xlsx: is empty; …`), so the English ones start with a verb.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        // The file as a whole (SpreadsheetFile, XLSXReader).
        case fileTooLarge, encryptedWorkbook, legacyWorkbook, emptyWorkbookFile, xmlSpreadsheet, textNamedWorkbook, notZIP
        case notSpreadsheetMainPart, macrosNoWorksheets, noWorksheets, macrosIgnored, binaryWorkbook, openDocument
        case wordOrPowerPoint, macrosNoWorkbook, zipNotWorkbook, sheetPartMissing
        // Worksheets and their XML (WorksheetReader, XMLPart).
        case notWorksheetPart, tooManyCells, badRowNumber, badCellName, cellBeyondLastColumn
        case xmlNotWellFormed, xmlNotUTF8, xmlDoctype, formulaWithoutValue, missingSharedString, unreadableNumber
        // The ZIP archive (ZIPPackage).
        case zipDirectoryUnreadable, zipTooManyEntries, zipTooLarge, zipPartInflatesTooMuch, zipPartUnreadable, zipPartMismatch
        // CSV text (CSVTextDecoder, CSVSheetReader).
        case csvUnreadable, csvIsZIP, csvIsOLE, csvUTF32, csvBadUTF8AfterBOM, csvUTF16WithoutMark, csvNULByte, csvNeitherEncoding
        case csvUTF16OddLength, csvUTF16NUL, csvUTF16Surrogate, csvControlByte, badByte
        // The sheets and their columns (WorkbookMapper).
        case noMSELSheet, noMSELHeaderRow, noRolesHeaderRow, noObjectivesHeaderRow, noQuizHeaderRow
        case tooManyRoles, tooManyObjectives, tooManyInjects, defaultRole, defaultObjective, defaultDuration
        case noTimeColumn, missingColumn, secondSheet, secondColumn, unknownColumn, headerlessColumn
        case unknownScenarioKey, scenarioKeyTwice
        // Cells.
        case cellError, cellProblem, everyoneStandsAlone, unknownRoleHint, unknownRoleList, quizAnswer
        case unknownChannelHint, unknownChannelList, channelNotInScenario
        case timeCellOutOfRange, timeIsDate, numberWithoutUnit, notDrillTimeValue, notDrillTimeText, textWithoutUnit
        case didYouMean
        // The scenario made from the sheets, and the problems as a whole.
        case notWritable, loaderProblem, requiredCellEmpty, csvHasNoObjectives, moreProblems, warningPrefix
        // What `msel import` says after the problems.
        case notConvertedError, notConvertedErrors, converted
        // What `msel export` warns of (ScenarioSheets, MSELExport).
        case exportItemSplits, exportItemSplitsOrSlash, exportCSVHoldsMSELOnly, exportedWorkbook, exportedCSV

        // One line a message: the English, then the Japanese.
        public var templates: (english: String, japanese: String) {
            switch self {
            case .fileTooLarge: ("is {size} MB; the limit for a spreadsheet is {limit} MB", "ファイルの大きさが {size} MB あります。表計算ファイルの上限は {limit} MB です")
            case .encryptedWorkbook: ("is an encrypted (password-protected) workbook, which firedrill cannot read; in Excel, File > Info > Protect Workbook > Encrypt with Password, clear the password and save, then import again", "パスワードで保護（暗号化）されたブックのため読み取れません。Excel の［ファイル］>［情報］>［ブックの保護］>［パスワードを使用して暗号化］でパスワードを消して保存してから、もう一度取り込んでください")
            case .legacyWorkbook: ("is an Excel 97–2003 workbook (.xls) or another OLE document, not an .xlsx workbook; in Excel, save it as Excel Workbook (.xlsx) and import that", "XLSX 形式のブックではなく、Excel 97–2003 形式のブック（.xls）などの古い形式のファイルです。Excel で「Excel ブック (*.xlsx)」として保存し、そのファイルを取り込んでください")
            case .emptyWorkbookFile: ("is empty; an .xlsx workbook is a ZIP archive", "ファイルが空です（XLSX 形式のブックの中身は ZIP アーカイブです）")
            case .xmlSpreadsheet: ("is an XML file (an Excel 2003 XML spreadsheet?), not an .xlsx workbook; in Excel, save it as Excel Workbook (.xlsx)", "XLSX 形式のブックではなく、XML ファイル（Excel 2003 XML スプレッドシート形式）のようです。Excel で「Excel ブック (*.xlsx)」として保存し直してください")
            case .textNamedWorkbook: ("is named like a workbook but holds text (CSV?), not an .xlsx workbook (a ZIP archive); if it is CSV, name it .csv, or save it from Excel as Excel Workbook (.xlsx)", "ファイル名はブックのものですが、中身は XLSX 形式のブック（ZIP アーカイブ）ではなくテキスト（CSV など）です。CSV であれば拡張子を .csv にするか、Excel で「Excel ブック (*.xlsx)」として保存してください")
            case .notZIP: ("is not an .xlsx workbook: an .xlsx file is a ZIP archive starting with 50 4B 03 04, this one starts with {hex}; save it from Excel as Excel Workbook (.xlsx)", "XLSX 形式のブックではありません。XLSX ファイルは先頭が 50 4B 03 04 の ZIP アーカイブですが、このファイルの先頭は {hex} です。Excel で「Excel ブック (*.xlsx)」として保存してください")
            case .notSpreadsheetMainPart: ("is not a workbook: its main part {part} is not a spreadsheet's (a Word or PowerPoint file?); save the MSEL from Excel as Excel Workbook (.xlsx)", "ブックではありません。中心となる部品 {part} が表計算のものではありません（Word や PowerPoint のファイルではありませんか？）。MSEL を Excel で「Excel ブック (*.xlsx)」として保存してください")
            case .macrosNoWorksheets: ("holds macros (a VBA project) but no worksheets, so there is no MSEL to read; save the sheets themselves as an .xlsx workbook", "マクロ（VBA プロジェクト）はありますがワークシートがないため、読み取る MSEL がありません。シートそのものを XLSX 形式のブックとして保存してください")
            case .noWorksheets: ("has no worksheets (chart sheets and macro sheets are not read); put the MSEL on a worksheet", "ワークシートがありません（グラフシートとマクロシートは読み取りません）。MSEL はワークシートに入力してください")
            case .macrosIgnored: ("the workbook contains macros; firedrill reads only the cells' values and never runs them", "ブックにマクロが含まれています。読み取るのはセルの値だけで、マクロは実行しません")
            case .binaryWorkbook: ("is an Excel binary workbook (.xlsb), which firedrill does not read; in Excel, save it as Excel Workbook (.xlsx)", "Excel バイナリブック（.xlsb）は読み取れません。Excel で「Excel ブック (*.xlsx)」として保存し直してください")
            case .openDocument: ("is an OpenDocument file (.ods), not an .xlsx workbook; in LibreOffice, save it as Excel 2007-365 (.xlsx)", "XLSX 形式のブックではなく、OpenDocument 形式のファイル（.ods）です。LibreOffice で「Excel 2007-365 (.xlsx)」として保存してください")
            case .wordOrPowerPoint: ("is a Word or PowerPoint file, not an Excel workbook; put the MSEL in a spreadsheet", "Excel のブックではなく、Word か PowerPoint のファイルです。MSEL は表計算ソフトで作成してください")
            case .macrosNoWorkbook: ("holds macros (a VBA project) but no workbook with sheets; save the sheets themselves as an .xlsx workbook", "マクロ（VBA プロジェクト）はありますが、シートのあるブックがありません。シートそのものを XLSX 形式のブックとして保存してください")
            case .zipNotWorkbook: ("is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml); save the MSEL from Excel as Excel Workbook (.xlsx)", "ZIP アーカイブですが、Excel のブックではありません（xl/workbook.xml がありません）。MSEL を Excel で「Excel ブック (*.xlsx)」として保存してください")
            case .sheetPartMissing: ("is damaged: sheet {sheet} has no part {part}", "ファイルが壊れています。シート「{sheet}」の部品 {part} がありません")

            case .notWorksheetPart: ("is damaged: the part of sheet {sheet} is not a worksheet", "ファイルが壊れています。シート「{sheet}」の部品がワークシートではありません")
            case .tooManyCells: ("has more cells than firedrill reads from one file; keep the MSEL's sheets to what the drill needs", "1 つのファイルから読み取れるセルの数を超えています。MSEL のシートには訓練に必要なものだけを入れてください")
            case .badRowNumber: ("is damaged: sheet {sheet} has a row numbered \"{number}\"", "ファイルが壊れています。シート「{sheet}」に行番号が「{number}」の行があります")
            case .badCellName: ("is damaged: sheet {sheet} has a cell named \"{name}\"", "ファイルが壊れています。シート「{sheet}」に「{name}」という名前のセルがあります")
            case .cellBeyondLastColumn: ("is damaged: sheet {sheet} has a cell beyond the last column", "ファイルが壊れています。シート「{sheet}」の最終列より右にセルがあります")
            case .xmlNotWellFormed: ("is damaged: its part {part} is not well-formed XML (line {line}, column {column}); save the workbook again, as Excel Workbook (.xlsx)", "ファイルが壊れています。部品 {part} の XML の書き方に誤りがあります（{line} 行目、{column} 文字目）。ブックを「Excel ブック (*.xlsx)」として保存し直してください")
            case .xmlNotUTF8: ("is refused: its part {part} is not UTF-8 XML (as Excel and LibreOffice write it); save the workbook again, as Excel Workbook (.xlsx)", "受け付けられません。部品 {part} が UTF-8 の XML ではありません（Excel や LibreOffice は UTF-8 で保存します）。ブックを「Excel ブック (*.xlsx)」として保存し直してください")
            case .xmlDoctype: ("is refused: its part {part} has a document type declaration (<!DOCTYPE or <!ENTITY), which no workbook needs; entities are never expanded", "受け付けられません。部品 {part} に、ブックには不要な文書型宣言（<!DOCTYPE や <!ENTITY）があります。実体参照を展開することはありません")
            case .formulaWithoutValue: ("the formula has no saved value, so the cell reads as empty; open the file in Excel or LibreOffice and save it again so that its results are stored", "数式の計算結果が保存されていないため、このセルは空として読み取りました。Excel か LibreOffice でファイルを開き、保存し直して計算結果を残してください")
            case .missingSharedString: ("the cell refers to shared text number {number}, which the workbook does not have (the file is damaged)", "このセルが参照する共有文字列（{number} 番）がブックにありません（ファイルが壊れています）")
            case .unreadableNumber: ("the cell's number \"{number}\" cannot be read (the file is damaged)", "このセルの数値「{number}」を読み取れません（ファイルが壊れています）")

            case .zipDirectoryUnreadable: ("is damaged: it starts like a ZIP file (as .xlsx files do) but its table of contents cannot be read; save the workbook again, as Excel Workbook (.xlsx)", "ファイルが壊れています。先頭は XLSX ファイルと同じ ZIP 形式ですが、収録ファイルの一覧を読み取れません。ブックを「Excel ブック (*.xlsx)」として保存し直してください")
            case .zipTooManyEntries: ("has more than {maximum} files inside its ZIP archive; a workbook has a few dozen, so it is refused (is it a workbook at all?)", "ZIP アーカイブの中に {maximum} 個を超えるファイルがあります。ブックに含まれるファイルは数十個程度のため、受け付けられません（本当にブックでしょうか？）")
            case .zipTooLarge: ("would unpack to more than {maximum} MB (its parts declare {declared} MB or more); it is refused as too large or a ZIP bomb. Keep the MSEL in a smaller workbook (no images or embedded files)", "展開すると {maximum} MB を超えます（中の部品の記録上の大きさは {declared} MB 以上です）。大きすぎるか ZIP 爆弾のため、受け付けられません。MSEL は画像や埋め込みファイルのない小さなブックにまとめてください")
            case .zipPartInflatesTooMuch: ("is refused: its part {part} inflates to more than it declares or than {maximum} MB in all (a ZIP bomb, or a damaged file)", "受け付けられません。部品 {part} を展開すると、記録上の大きさか、合計 {maximum} MB を超えます（ZIP 爆弾か、壊れたファイルです）")
            case .zipPartUnreadable: ("is damaged: its part {part} cannot be unpacked ({reason}); save the workbook again, as Excel Workbook (.xlsx)", "ファイルが壊れています。部品 {part} を展開できません（{reason}）。ブックを「Excel ブック (*.xlsx)」として保存し直してください")
            case .zipPartMismatch: ("is damaged: its part {part} does not unpack to what the archive records (size or checksum); save the workbook again, as Excel Workbook (.xlsx)", "ファイルが壊れています。部品 {part} を展開した結果が、アーカイブの記録（大きさかチェックサム）と一致しません。ブックを「Excel ブック (*.xlsx)」として保存し直してください")

            case .csvUnreadable: ("cannot be read as CSV ({reason})", "CSV として読み取れません（{reason}）")
            case .csvIsZIP: ("is a ZIP archive (an .xlsx workbook?), not CSV text; if it is a workbook, name it .xlsx", "CSV のテキストではなく、ZIP アーカイブ（XLSX 形式のブック？）です。ブックであれば、拡張子を .xlsx にしてください")
            case .csvIsOLE: ("is an Excel 97–2003 workbook or a password-protected one, not CSV text; save the MSEL as CSV UTF-8 or as an .xlsx workbook", "CSV のテキストではなく、Excel 97–2003 形式のブックか、パスワードで保護されたブックです。MSEL を「CSV UTF-8」か XLSX 形式のブックとして保存してください")
            case .csvUTF32: ("is UTF-32 text, which firedrill does not read; save it as CSV UTF-8", "UTF-32 のテキストは読み取れません。「CSV UTF-8」で保存し直してください")
            case .csvBadUTF8AfterBOM: ("starts with a UTF-8 byte-order mark but is not valid UTF-8: {byte}; save it as CSV UTF-8 again", "先頭に UTF-8 のバイト順マーク（BOM）がありますが、UTF-8 として読めません（{byte}）。もう一度「CSV UTF-8」で保存してください")
            case .csvUTF16WithoutMark: ("looks like UTF-16 text without a byte-order mark (every other byte is zero); save it as CSV UTF-8 (or as Unicode text, which has the mark)", "バイト順マーク（BOM）のない UTF-16 のテキストのようです（1 バイトおきに 0 があります）。「CSV UTF-8」（または BOM の付く「Unicode テキスト」）で保存し直してください")
            case .csvNULByte: ("has a NUL byte at byte {offset} (line {line}): it is a binary file, not CSV text; export the MSEL as CSV UTF-8 or import the .xlsx workbook itself", "{line} 行目（{offset} バイト目）に値が 0 のバイトがあります。CSV のテキストではなく、バイナリーファイルです。MSEL を「CSV UTF-8」で保存するか、XLSX 形式のブックをそのまま取り込んでください")
            case .csvNeitherEncoding: ("is neither UTF-8 nor Windows-31J (Shift_JIS) text: {byte} cannot be read as either; save it as CSV UTF-8", "UTF-8 としても Windows-31J（Shift_JIS）としても読めません（{byte} がどちらでも読めません）。「CSV UTF-8」で保存し直してください")
            case .csvUTF16OddLength: ("is UTF-16 text with an odd number of bytes (cut short?): byte {offset} is half a character; save it again", "UTF-16 のテキストなのにバイト数が奇数です（途中で切れていませんか？）。{offset} バイト目が文字の半分だけです。保存し直してください")
            case .csvUTF16NUL: ("has a NUL character at byte {offset}: it is a binary file, not CSV text", "{offset} バイト目に値が 0 の文字があります。CSV のテキストではなく、バイナリーファイルです")
            case .csvUTF16Surrogate: ("is not valid UTF-16 text: the character at byte {offset} is half of a surrogate pair; save it as CSV UTF-8", "UTF-16 のテキストとして正しくありません。{offset} バイト目の文字がサロゲートペアの片方だけです。「CSV UTF-8」で保存し直してください")
            case .csvControlByte: ("has the control byte {value} at byte {offset} (line {line}): it is a binary file, not CSV text; export the MSEL as CSV UTF-8", "{line} 行目（{offset} バイト目）に制御文字のバイト {value} があります。CSV のテキストではなく、バイナリーファイルです。MSEL を「CSV UTF-8」で保存してください")
            case .badByte: ("the byte {value} at byte {offset} (line {line})", "{line} 行目（{offset} バイト目）のバイト {value}")

            case .noMSELSheet: ("has no MSEL sheet: name the sheet of injects MSEL, Injects or インジェクト (the sheets read: {names})", "MSEL のシートがありません。インジェクトのシートの名前を「MSEL」「インジェクト」「Injects」のどれかにしてください（読み取ったシート：{names}）")
            case .noMSELHeaderRow: ("no header row: no row of {place} has two of the MSEL's headers ({headers}, or 番号, 時刻, 宛先, 手段, 件名, 本文 …) within its first 50 rows", "見出し行がありません。{place}の最初の 50 行に、MSEL の見出し（「番号」「時刻」「宛先」「手段」「件名」「本文」など。英語の {headers} も使えます）を 2 つ以上含む行がありません")
            case .noRolesHeaderRow: ("no header row: no row of sheet {sheet} has two of its headers (id, name, department, persona channels, persona delay, persona reply; ID, 名前, 部署 …)", "見出し行がありません。シート「{sheet}」に、役割の見出し（「ID」「名前」「部署」「ペルソナ手段」「ペルソナ遅延」「ペルソナ返答」など）を 2 つ以上含む行がありません")
            case .noObjectivesHeaderRow: ("no header row: no row of sheet {sheet} has two of its headers (id, name, kind, by, to, via, from, match, target, limit, weight, controls; 名前, 種類, 目標時間 …)", "見出し行がありません。シート「{sheet}」に、目標の見出し（「ID」「名前」「種類」「担当」「宛先」「手段」「起点」「キーワード」「目標時間」「上限時間」「重み」「管理策」など）を 2 つ以上含む行がありません")
            case .noQuizHeaderRow: ("no header row: no row of sheet {sheet} has two of its headers (id, question, choices, answer, explanation; ID, 質問, 選択肢, 正解, 解説)", "見出し行がありません。シート「{sheet}」に、クイズの見出し（「ID」「質問」「選択肢」「正解」「解説」）を 2 つ以上含む行がありません")
            case .tooManyRoles: ("more than {maximum} roles; the scenario format's limit is {maximum}", "役割が {maximum} 件を超えています。シナリオ形式の上限は {maximum} 件です")
            case .tooManyObjectives: ("more than {maximum} objectives; the scenario format's limit is {maximum}", "目標が {maximum} 件を超えています。シナリオ形式の上限は {maximum} 件です")
            case .tooManyInjects: ("more than {maximum} injects; the scenario format's limit is {maximum}, so the rows from here on are not read", "インジェクトが {maximum} 件を超えています。シナリオ形式の上限は {maximum} 件のため、この行から後は読み取りません")
            case .defaultRole: ("no roles: every inject goes to all, and there is no Roles sheet; the scenario gets one role, {id} ({name})", "役割がありません（どのインジェクトも宛先が全員で、役割のシートもありません）。シナリオには役割「{id}」（{name}）を 1 つ設けます")
            case .defaultObjective: ("no objectives ({why}): the scenario gets one, {id}, met when the first inject is acknowledged within 5 minutes; add objectives to score the drill", "目標がありません（{why}）。シナリオには、最初のインジェクトを 5 分以内に確認すれば達成となる目標「{id}」を 1 つ設けます。訓練を採点するには、目標を追加してください")
            case .defaultDuration: ("no duration ({why}): the drill lasts {duration}, fifteen minutes after the last inject; set the duration on the Scenario sheet to change it", "訓練時間の指定がありません（{why}）。訓練時間は {duration}（最後のインジェクトの 15 分後まで）とします。変えるには「シナリオ」シートで「所要時間」を指定してください")
            case .noTimeColumn: ("{place} has no time column; add one headed \"time\" (or \"時刻\") with each inject's drill time, e.g. 0:15:00, or a \"when\" column with its trigger", "{place}に時刻の列がありません。見出しが「時刻」（または「time」）の列を追加して各インジェクトの経過時間（例：0:15:00）を書くか、発火のきっかけを書く「発火条件」の列を追加してください")
            case .missingColumn: ("{place} has no {column} column; add one headed {headers}", "{place}に{column}の列がありません。見出しが{headers}のどれかの列を追加してください")
            case .secondSheet: ("a second {kind} sheet (the first is {first}); only the first is read", "2 つ目の{kind}のシートです（1 つ目は「{first}」）。読み取るのは 1 つ目だけです")
            case .secondColumn: ("a second {column} column (\"{header}\"); {values}", "2 つ目の{column}の列です（見出し「{header}」）。{values}")
            case .unknownColumn: ("unknown column \"{header}\"{hint} — {values}", "見出し「{header}」は使える見出しではありません（{values}）{hint}")
            case .headerlessColumn: ("column {column} has values but no header, so they are not read; give the column a header", "{column} 列には値がありますが、見出しがないため読み取りません。列に見出しを付けてください")
            case .unknownScenarioKey: ("unknown key \"{key}\" on the {sheet} sheet{hint} — it is left out (keys: {keys})", "シート「{sheet}」の「{key}」は使える項目ではないため、取り込みません（使える項目：{keys}）{hint}")
            case .scenarioKeyTwice: ("{key} is given a second time (first at {first}); the first is kept", "{key}が 2 回書かれています（1 回目は {first}）。1 回目の値を使います")

            case .cellError: ("the cell holds the error {code}; fix its formula or type the value", "セルがエラー値 {code} になっています。数式を直すか、値を直接入力してください")
            case .cellProblem: ("{column}: {problem}", "{column}：{problem}")
            case .everyoneStandsAlone: ("\"{word}\" means every player, so it stands alone; write it alone, or list the roles", "「{word}」は参加者全員を表すため、ほかの宛先と並べられません。「{word}」だけを書くか、役割を並べてください")
            case .unknownRoleHint: ("unknown role \"{name}\" in {column}; did you mean \"{id}\"?", "{column}の役割「{name}」はありません。「{id}」の書き間違いではありませんか？")
            case .unknownRoleList: ("unknown role \"{name}\" in {column} (roles: {roles})", "{column}の役割「{name}」はありません（役割：{roles}）")
            case .quizAnswer: ("answer: write the number of the correct choice, counted from 1 (2, or 1, 3 for several), not \"{text}\"", "「正解」には、正しい選択肢の番号を 1 から数えて書いてください（例：2。複数のときは 1, 3）。「{text}」は番号として読めません")
            case .unknownChannelHint: ("unknown channel \"{name}\"; did you mean \"{id}\"?", "手段「{name}」はありません。「{id}」の書き間違いではありませんか？")
            case .unknownChannelList: ("unknown channel \"{name}\" (channels: {channels})", "手段「{name}」はありません（使える手段：{channels}）")
            case .channelNotInScenario: ("channel \"{name}\" is not one of this scenario's channels ({channels}); add {id} to channels on the Scenario sheet", "手段「{name}」は、このシナリオで使う手段（{channels}）にありません。「シナリオ」シートの「チャネル」に {id} を加えてください")
            case .timeCellOutOfRange: ("the time cell holds {value}, which is not a drill time of at most 30 days", "時刻のセルの値 {value} は、30 日以内の経過時間として読めません")
            case .timeIsDate: ("the cell is a date ({value} days); write the drill time since the start instead, e.g. 0:15:00 or T+15", "セルが日付（{value} 日）になっています。日付ではなく、開始からの経過時間を書いてください（例：0:15:00、T+15）")
            case .numberWithoutUnit: ("the number {value} has no unit; write {value}m for minutes (or 0:15:00, T+15, {value}s), or format the cell as a time", "数値 {value} に単位がありません。分なら {value}m（または 0:15:00、T+15、秒なら {value}s）のように書くか、セルの表示形式を時刻にしてください")
            case .notDrillTimeValue: ("{value} is not a drill time; write e.g. 0:15:00, 15m or T+15", "{value} は経過時間として読めません。0:15:00、15m、T+15 のように書いてください")
            case .notDrillTimeText: ("\"{text}\" is not a drill time; write e.g. 0:15:00, 15:00 (mm:ss), 15m, 1h30m, +15m, T+15 or D+0 H+1 M+30", "「{text}」は経過時間として読めません。0:15:00、15:00（分:秒）、15m、20分、1h30m、+15m、T+15、D+0 H+1 M+30 のように書いてください")
            case .textWithoutUnit: ("\"{text}\" has no unit; write {text}m for minutes, {text}s for seconds, or T+{text}", "「{text}」に単位がありません。分なら {text}m か {text}分、秒なら {text}s のように、または T+{text} と書いてください")
            case .didYouMean: ("; did you mean \"{word}\"?", "。「{word}」の書き間違いではありませんか？")

            case .notWritable: ("the scenario made from the sheets cannot be written as text: {detail}", "シートから作ったシナリオをテキストに書き出せません：{detail}")
            case .loaderProblem: ("{problem}", "{problem}")
            case .requiredCellEmpty: ("{key} is empty; {what} needs one", "{key}が空です。{what}には必須です")
            case .csvHasNoObjectives: ("{problem} (a CSV file has no objectives: import the workbook with its Objectives sheet, or trigger the inject by time or by delivered(…))", "{problem}（CSV ファイルには目標がありません。「目標」シートのあるブックを取り込むか、インジェクトを時刻か delivered(…) で発火させてください）")
            case .moreProblems: ("… and {count} more problems", "…ほかに {count} 件の問題があります")
            case .warningPrefix: ("warning: ", "警告：")

            case .notConvertedError: ("not converted: {count} error; fix it in the spreadsheet and import again", "変換しませんでした。エラーが {count} 件あります。表計算ファイルで直してから、もう一度取り込んでください")
            case .notConvertedErrors: ("not converted: {count} errors; fix them in the spreadsheet and import again", "変換しませんでした。エラーが {count} 件あります。表計算ファイルで直してから、もう一度取り込んでください")
            case .converted: ("written — '{id}', {injects} injects, {objectives} objectives, {roles} roles", "書き出しました（「{id}」：インジェクト {injects} 件、目標 {objectives} 件、役割 {roles} 件）")

            case .exportItemSplits: ("the {column} item \"{item}\" holds a list separator (, 、 ; or a line break), so it reads back as more than one item", "「{column}」の項目「{item}」に区切り文字（, 、 ; または改行）が含まれているため、読み戻すと複数の項目に分かれます")
            case .exportItemSplitsOrSlash: ("the {column} item \"{item}\" holds a list separator (, 、 ; a line break or /), so it reads back as more than one item", "「{column}」の項目「{item}」に区切り文字（, 、 ; 改行または /）が含まれているため、読み戻すと複数の項目に分かれます")
            case .exportedWorkbook: ("written — '{id}', {injects} injects", "書き出しました（「{id}」：インジェクト {injects} 件）")
            case .exportedCSV: ("written — '{id}', {injects} injects (the MSEL sheet)", "書き出しました（「{id}」：インジェクト {injects} 件、MSEL シートのみ）")
            case .exportCSVHoldsMSELOnly: ("a CSV file holds the MSEL sheet only: the scenario's title, duration, roles' names and personas, objectives and survey are not in it (export to .xlsx to keep them)", "CSV ファイルに入るのは MSEL シートだけです。シナリオの題名・所要時間、役割の名前とペルソナ、目標、アンケートは含まれません（残すには .xlsx に書き出してください）")
            }
        }
    }
}
