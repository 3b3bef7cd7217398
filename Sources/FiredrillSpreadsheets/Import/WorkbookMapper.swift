import Foundation
import FiredrillCore

/// Turns the sheets of an MSEL workbook (or the one sheet of a CSV file) into a scenario
/// tree, reporting what it finds wrong in a cell at that cell. The scenario's own rules are
/// checked afterwards by the loader, on the text the tree becomes; what the mapper notes here
/// (which cells it flagged, which row each entry came from) lets the loader's problems be
/// shown at their cells too (see ``LoaderProblemMapper``).
struct WorkbookMapper {
    let workbook: Workbook
    let fileName: String
    let isCSV: Bool
    let limits: ValidationLimits

    private(set) var problems: [SpreadsheetProblem] = []
    /// Cells with an error found while reading them: the loader's problems there follow from it.
    private(set) var flagged: Set<SpreadsheetPosition> = []
    /// Each entry's row, by the position its object has in the tree.
    var rows: [SpreadsheetPosition: RowContext] = [:]
    /// Columns a sheet lacks that its entries need, already reported once for the sheet.
    var missingColumns: Set<String> = []
    /// Set when the file has no MSEL to read: the loader is not asked about what is not there.
    private(set) var fatal = false

    // What the sheets read so far say, for the sheets read after them.
    var channels = Scenario.defaultChannels
    var roles = RoleDirectory()
    var latestAt: Int64? = nil
    var firstTimedInject: (id: String, seconds: Int64)? = nil
    var headerLanguage: Language? = nil

    init(workbook: Workbook, fileName: String, isCSV: Bool, limits: ValidationLimits) {
        self.workbook = workbook
        self.fileName = fileName
        self.isCSV = isCSV
        self.limits = limits
    }

    /// An entry's row: its sheet and the columns its keys were read from.
    struct RowContext {
        var layout: SheetLayout
        var sheet: String
        var row: Int
        var columns: [String: Int]
    }

    // MARK: - The whole workbook

    mutating func map() -> ScenarioTree? {
        let sheets = locateSheets()
        guard let msel = sheets[.msel] else {
            fail(at: nil, .noMSELSheet, ["names": .quotedList(workbook.sheets.map(\.name))])
            return nil
        }
        guard let mselHeader = HeaderRow.find(in: msel, layout: .msel) else {
            let headers = SheetLayout.msel.columns.map { $0.headers.english[0] }.joined(separator: ", ")
            fail(at: sheetPosition(msel), .noMSELHeaderRow, ["place": SpreadsheetMessage.sheetOrFile(msel.name, csv: isCSV), "headers": "\(headers)"])
            return nil
        }
        headerLanguage = mselHeader.language

        let scenario = sheets[.scenario].map { readScenarioSheet($0) } ?? ScenarioSheetValues()
        let rolesTree: ScenarioTree
        if let sheet = sheets[.roles] {
            rolesTree = readRoles(sheet)
        } else {
            rolesTree = deriveRoles(from: msel, header: mselHeader)
        }
        let injects = readInjects(msel, header: mselHeader)
        let objectives = sheets[.objectives].map { readObjectives($0) } ?? defaultObjectives()
        let survey = sheets[.survey].map { readSurvey($0) }
        let quiz = sheets[.quiz].map { readQuiz($0) }

        var top = ObjectBuilder()
        top.add("firedrill", ScenarioTree(.number(1)))
        top.add("id", scenario.values["id"] ?? .string(derivedID, from: nil))
        top.add("title", scenario.values["title"] ?? .string(fileStem, from: nil))
        top.add("summary", scenario.values["summary"])
        top.add("briefing", scenario.values["briefing"])
        if let language = scenario.values["language"] {
            top.add("language", language)
        } else if headerLanguage == .japanese {
            top.add("language", .string("ja", from: nil))
        }
        top.add("tags", scenario.values["tags"])
        top.add("duration", scenario.values["duration"] ?? derivedDuration(scenarioSheet: sheets[.scenario]))
        top.add("channels", scenario.values["channels"])
        top.add("roles", rolesTree)
        top.add("injects", injects)
        top.add("objectives", objectives)
        if let survey, case .list(let items) = survey.value, !items.isEmpty { top.add("survey", survey) }
        if let quiz, case .list(let items) = quiz.value, !items.isEmpty { top.add("quiz", quiz) }
        return top.tree(from: nil)
    }

    /// The sheets by what they hold: by name, and the MSEL as the first sheet no name claims.
    private mutating func locateSheets() -> [SheetLayout: Sheet] {
        if isCSV, let sheet = workbook.sheets.first { return [.msel: sheet] }
        var found: [SheetLayout: Sheet] = [:]
        for sheet in workbook.sheets {
            guard let layout = SheetLayout.named(sheet.name) else { continue }
            if let first = found[layout] {
                warning(at: .sheet(sheet.name), .secondSheet, [
                    "kind": .word(english: layout.names.english[0], japanese: "「\(layout.names.japanese[0])」"), "first": "\(first.name)",
                ])
            } else {
                found[layout] = sheet
            }
        }
        if found[.msel] == nil, let first = workbook.sheets.first(where: { SheetLayout.named($0.name) == nil }) {
            found[.msel] = first
        }
        return found
    }

    // MARK: - Defaults from the file's name

    /// The file's name without its folder and extension.
    var fileStem: String {
        var name = Substring(fileName.split(separator: "/").last ?? Substring(fileName))
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        let stem = String(name).trimmed
        return stem.isEmpty ? "MSEL" : stem
    }

    var derivedID: String { Slug.make(fileStem) ?? "msel" }

    /// Without a duration: fifteen minutes after the last timed inject, in whole five minutes.
    private mutating func derivedDuration(scenarioSheet: Sheet?) -> ScenarioTree {
        let last = latestAt ?? 0
        var seconds = last + 15 * 60
        seconds = (seconds + 299) / 300 * 300
        let why: SpreadsheetMessage.Value = isCSV ? Self.csvHoldsMSELOnly
            : scenarioSheet == nil ? .word(english: "there is no Scenario sheet", japanese: "「シナリオ」シートがありません")
            : .word(english: "the Scenario sheet has no duration", japanese: "「シナリオ」シートに所要時間がありません")
        let duration = DrillTime(milliseconds: seconds * 1000)
        warning(at: scenarioSheet.map(sheetPosition), .defaultDuration, [
            "why": why,
            "duration": .word(english: DrillTimeCell.durationText(seconds), japanese: ValidationMessage.format(duration, in: .japanese)),
        ])
        return .string(DrillTimeCell.durationText(seconds), from: scenarioSheet.map(sheetPosition))
    }

    // MARK: - Positions and problems

    /// Why a CSV file gets a default: it holds the MSEL only.
    static let csvHoldsMSELOnly = SpreadsheetMessage.Value.word(english: "a CSV file holds the MSEL only", japanese: "CSV ファイルにあるのは MSEL だけです")

    /// What an unknown column's warning says of its values.
    static let valuesLeftOut = SpreadsheetMessage.Value.word(english: "its values are left out", japanese: "この列の値は取り込みません")

    /// A column as messages name it: its key in English, its header in Japanese.
    static func column(_ english: String, _ japanese: String) -> SpreadsheetMessage.Value {
        .word(english: english, japanese: "「\(japanese)」")
    }

    func position(_ reference: CellReference, in sheet: Sheet) -> SpreadsheetPosition {
        SpreadsheetPosition.at(reference, in: sheet.name, csv: isCSV)
    }

    /// The sheet as a whole: in a CSV file, its first field.
    func sheetPosition(_ sheet: Sheet) -> SpreadsheetPosition {
        isCSV ? .field(row: sheet.rows.first?.number ?? 1, column: 1) : .sheet(sheet.name)
    }

    /// Reports an error in a cell and remembers the cell, so that the loader's problem with
    /// what came of it is not reported a second time.
    mutating func error(at position: SpreadsheetPosition?, _ key: SpreadsheetMessage.Key, _ values: [String: SpreadsheetMessage.Value] = [:]) {
        error(at: position, SpreadsheetMessage(key, values))
    }

    mutating func error(at position: SpreadsheetPosition?, _ message: SpreadsheetMessage) {
        problems.append(SpreadsheetProblem(.error, at: position, message))
        if let position { flagged.insert(position) }
    }

    mutating func warning(at position: SpreadsheetPosition?, _ key: SpreadsheetMessage.Key, _ values: [String: SpreadsheetMessage.Value] = [:]) {
        problems.append(.warning(at: position, key, values))
    }

    private mutating func fail(at position: SpreadsheetPosition?, _ key: SpreadsheetMessage.Key, _ values: [String: SpreadsheetMessage.Value] = [:]) {
        error(at: position, key, values)
        fatal = true
    }

    // MARK: - Cells

    /// A cell's text; an error value (`#N/A`) is reported and reads as nothing.
    mutating func text(_ value: CellValue, at position: SpreadsheetPosition) -> String? {
        if case .error(let code) = value {
            error(at: position, .cellError, ["code": "\(code)"])
            return nil
        }
        return value.text
    }

    /// A text cell as a tree value.
    mutating func textTree(_ value: CellValue, at position: SpreadsheetPosition) -> ScenarioTree? {
        text(value, at: position).map { .string($0, from: position) }
    }

    /// A drill time or duration cell as the scenario format writes it (`15m`); an unreadable
    /// one is reported and passed on as written, so that the entry still has the key.
    mutating func timeTree(_ value: CellValue, at position: SpreadsheetPosition, what: SpreadsheetMessage.Value) -> ScenarioTree {
        switch DrillTimeCell.seconds(value) {
        case .success(let seconds):
            return .string(DrillTimeCell.durationText(seconds), from: position)
        case .failure(let problem):
            error(at: position, .cellProblem, ["column": what, "problem": .message(problem.problem)])
            return .string(value.text, from: position)
        }
    }

    /// A list cell's items as a tree list.
    func listTree(_ value: CellValue, at position: SpreadsheetPosition) -> ScenarioTree {
        .strings(CellList.items(value.text), from: position)
    }

    /// A list of channel names as channel ids; unknown names are reported at the cell.
    mutating func channelListTree(_ value: CellValue, at position: SpreadsheetPosition) -> ScenarioTree {
        let ids = CellList.items(value.text).map { channelID($0, at: position) }
        return .strings(ids, from: position)
    }

    /// The channel a name means; an unknown one is reported and passed on as written.
    mutating func channelID(_ name: String, at position: SpreadsheetPosition) -> String {
        guard let id = ChannelNames.id(for: name, channels: channels) else {
            error(at: position, ChannelNames.unknownMessage(name, channels: channels))
            return name
        }
        if !channels.contains(id) {
            error(at: position, .channelNotInScenario, ["name": "\(name)", "channels": .list(channels), "id": "\(id)"])
        }
        return id
    }

    /// The headers of a sheet that name no column: a warning each, with a did-you-mean.
    mutating func reportUnknownHeaders(_ header: HeaderRow, in sheet: Sheet, layout: SheetLayout, whereValuesGo: SpreadsheetMessage.Value) {
        let known = layout.columns.flatMap { $0.headers.all }
        for (column, text, duplicate) in header.unknown {
            let position = position(header.reference(ofColumn: column), in: sheet)
            if let duplicate {
                let names = layout.columns.first { $0.key == duplicate }?.headers
                let column = SpreadsheetMessage.Value.word(english: duplicate, japanese: "「\(names?.first(in: .japanese) ?? duplicate)」")
                warning(at: position, .secondColumn, ["column": column, "header": "\(text.prefix(40))", "values": whereValuesGo])
            } else {
                let hint = SpreadsheetMessage.hint(Suggestions.closest(to: text, among: known))
                warning(at: position, .unknownColumn, ["header": "\(text.prefix(40))", "hint": hint, "values": whereValuesGo])
            }
        }
    }

    /// Columns with values but no header: their values are not read.
    mutating func reportHeaderlessColumns(_ header: HeaderRow, in sheet: Sheet, rows: ArraySlice<SheetRow>) {
        let named = Set(header.row.cells.map(\.reference.column))
        var reported: Set<Int> = []
        for row in rows {
            for cell in row.cells where !named.contains(cell.reference.column) && reported.insert(cell.reference.column).inserted {
                warning(at: position(cell.reference, in: sheet), .headerlessColumn, ["column": "\(CellReference.columnName(cell.reference.column))"])
            }
        }
    }

    /// Reports, once, a column the sheet needs but lacks.
    mutating func requireColumns(_ keys: [String], of header: HeaderRow, in sheet: Sheet, layout: SheetLayout) {
        for key in keys where header.columns[key] == nil {
            let headers = layout.columns.first { $0.key == key }!.headers
            error(at: position(header.reference(ofColumn: header.row.cells.first?.reference.column ?? 1), in: sheet), .missingColumn, [
                "place": SpreadsheetMessage.sheetOrFile(sheet.name, csv: isCSV),
                "column": .word(english: key, japanese: "「\(headers.first(in: .japanese))」"),
                "headers": .word(
                    english: headers.all.map { "\"\($0)\"" }.joined(separator: ", "),
                    japanese: (headers.japanese + headers.english).map { "「\($0)」" }.joined()
                ),
            ])
            missingColumns.insert(layout.rawValue + "." + key)
        }
    }
}

/// The values of one data row, by key, with their positions.
struct RowCells {
    let row: SheetRow
    let header: HeaderRow
    let sheet: String
    let isCSV: Bool

    func position(_ reference: CellReference) -> SpreadsheetPosition {
        SpreadsheetPosition.at(reference, in: sheet, csv: isCSV)
    }

    func value(_ key: String) -> (value: CellValue, position: SpreadsheetPosition)? {
        guard let column = header.columns[key], let value = row[column] else { return nil }
        return (value, position(CellReference(row: row.number, column: column)))
    }

    /// Where the entry as a whole is reported: its id cell, or its first cell.
    func origin(idKey: String = "id") -> SpreadsheetPosition {
        if let id = value(idKey) { return id.position }
        return position(row.cells[0].reference)
    }
}
