import FiredrillCore
import Foundation

extension WorkbookMapper {
    /// The objectives sheet: one objective per row.
    mutating func readObjectives(_ sheet: Sheet) -> ScenarioTree {
        guard let header = HeaderRow.find(in: sheet, layout: .objectives) else {
            error(at: sheetPosition(sheet), .noObjectivesHeaderRow, ["sheet": "\(sheet.name)"])
            return ScenarioTree(.list([]), from: sheetPosition(sheet))
        }
        reportUnknownHeaders(header, in: sheet, layout: .objectives, whereValuesGo: Self.valuesLeftOut)
        let dataRows = sheet.rows[(header.index + 1)...]
        reportHeaderlessColumns(header, in: sheet, rows: dataRows)
        requireColumns(["kind", "target"], of: header, in: sheet, layout: .objectives)
        var items: [ScenarioTree] = []
        for (index, row) in dataRows.enumerated() {
            guard items.count < limits.maximumObjectives else {
                error(at: position(row.cells[0].reference, in: sheet), .tooManyObjectives, ["maximum": "\(limits.maximumObjectives)"])
                break
            }
            let cells = RowCells(row: row, header: header, sheet: sheet.name, isCSV: isCSV)
            let origin = cells.origin()
            var objective = ObjectBuilder()
            if let cell = cells.value("id") {
                objective.add("id", .string(cell.value.text.trimmed, from: cell.position))
            } else {
                objective.add("id", .string("objective-\(index + 1)", from: origin))
            }
            if let cell = cells.value("name") { objective.add("name", textTree(cell.value, at: cell.position)) }
            if let cell = cells.value("kind"), let text = text(cell.value, at: cell.position) {
                objective.add("kind", .string(Words.objectiveKind(text)?.rawValue ?? text, from: cell.position))
            }
            if let cell = cells.value("by") {
                let ids = CellList.items(cell.value.text).map { item in
                    roles.id(for: item) ?? { error(at: cell.position, roles.unknownMessage(item, in: Self.column("by", "担当"))); return item }()
                }
                objective.add("by", .strings(ids, from: cell.position))
            }
            if let cell = cells.value("from") {
                let text = cell.value.text.trimmed
                objective.add("from", .string(Self.number(cell.value).map { "inject-\($0)" } ?? text, from: cell.position))
            }
            if let cell = cells.value("target") { objective.add("target", timeTree(cell.value, at: cell.position, what: Self.column("target", "目標時間"))) }
            if let cell = cells.value("limit") { objective.add("limit", timeTree(cell.value, at: cell.position, what: Self.column("limit", "上限時間"))) }
            if let cell = cells.value("weight") { objective.add("weight", weightTree(cell.value, at: cell.position)) }
            if let cell = cells.value("to"), let text = text(cell.value, at: cell.position) {
                let name = text.trimmed
                let id = roles.id(for: name) ?? { error(at: cell.position, roles.unknownMessage(name, in: Self.column("to", "宛先"))); return name }()
                objective.add("to", .string(id, from: cell.position))
            }
            if let cell = cells.value("via") { objective.add("via", channelListTree(cell.value, at: cell.position)) }
            if let cell = cells.value("match") { objective.add("match", listTree(cell.value, at: cell.position)) }
            if let cell = cells.value("controls") { objective.add("controls", listTree(cell.value, at: cell.position)) }
            if let cell = cells.value("expect") { objective.add("expect", textTree(cell.value, at: cell.position)) }
            rows[origin] = RowContext(layout: .objectives, sheet: sheet.name, row: row.number, columns: header.columns)
            items.append(objective.tree(from: origin))
        }
        return ScenarioTree(.list(items), from: sheetPosition(sheet))
    }

    /// A weight: a number cell, or text that reads as one (`1.5`, `１`); other text is passed on
    /// as written, for the loader to name.
    private func weightTree(_ value: CellValue, at position: SpreadsheetPosition) -> ScenarioTree {
        switch value {
        case .number(let number, _):
            return ScenarioTree(.number(number), from: position)
        default:
            let text = TextMatching.normalizeWidth(value.text).trimmed
            if let number = Double(text), number.isFinite { return ScenarioTree(.number(number), from: position) }
            return .string(value.text, from: position)
        }
    }

    /// Without an objectives sheet (a CSV file has none): one objective, to acknowledge the
    /// first inject within five minutes, so that the scenario can run; a warning says so.
    mutating func defaultObjectives() -> ScenarioTree {
        var objective = ObjectBuilder()
        let id = "acknowledge-first-inject"
        objective.add("id", .string(id, from: nil))
        objective.add("kind", .string(ActionKind.acknowledge.rawValue, from: nil))
        if let first = firstTimedInject { objective.add("from", .string(first.id, from: nil)) }
        objective.add("target", .string("5m", from: nil))
        let why = isCSV ? Self.csvHoldsMSELOnly : .word(english: "the workbook has no Objectives sheet", japanese: "ブックに「目標」シートがありません")
        warning(at: nil, .defaultObjective, ["why": why, "id": "\(id)"])
        return ScenarioTree(.list([objective.tree(from: nil)]), from: nil)
    }

    /// The survey sheet: one question per row, with its kind (`scale`, `text`; `尺度`, `自由記述`).
    /// Without a header row, each row's first cell is a question.
    mutating func readSurvey(_ sheet: Sheet) -> ScenarioTree {
        var items: [ScenarioTree] = []
        guard let header = HeaderRow.find(in: sheet, layout: .survey) else {
            for row in sheet.rows {
                let position = position(row.cells[0].reference, in: sheet)
                if let tree = textTree(row.cells[0].value, at: position) { items.append(tree) }
            }
            return ScenarioTree(.list(items), from: sheetPosition(sheet))
        }
        reportUnknownHeaders(header, in: sheet, layout: .survey, whereValuesGo: Self.valuesLeftOut)
        for row in sheet.rows[(header.index + 1)...] {
            let cells = RowCells(row: row, header: header, sheet: sheet.name, isCSV: isCSV)
            guard let question = cells.value("question") else { continue }
            let questionTree = textTree(question.value, at: question.position) ?? .string("", from: question.position)
            guard let kindCell = cells.value("kind"), let text = text(kindCell.value, at: kindCell.position) else {
                items.append(questionTree)
                continue
            }
            let kind = Words.surveyKind(text)
            if kind == .scale {
                items.append(questionTree)
            } else {
                var item = ObjectBuilder()
                item.add("question", questionTree)
                item.add("kind", .string(kind?.rawValue ?? text, from: kindCell.position))
                rows[question.position] = RowContext(layout: .survey, sheet: sheet.name, row: row.number, columns: header.columns)
                items.append(item.tree(from: question.position))
            }
        }
        return ScenarioTree(.list(items), from: sheetPosition(sheet))
    }

    /// The quiz sheet: one question per row. `choices` one per line; `answer` the number of
    /// the correct choice counted from 1 as people count (`2`, or `1, 3` for several), which
    /// the scenario writes from 0; `id` made up as `q1`, `q2`, … when the sheet has none.
    mutating func readQuiz(_ sheet: Sheet) -> ScenarioTree {
        guard let header = HeaderRow.find(in: sheet, layout: .quiz) else {
            error(at: sheetPosition(sheet), .noQuizHeaderRow, ["sheet": "\(sheet.name)"])
            return ScenarioTree(.list([]), from: sheetPosition(sheet))
        }
        reportUnknownHeaders(header, in: sheet, layout: .quiz, whereValuesGo: Self.valuesLeftOut)
        requireColumns(["question", "choices", "answer"], of: header, in: sheet, layout: .quiz)
        var items: [ScenarioTree] = []
        for row in sheet.rows[(header.index + 1)...] {
            let cells = RowCells(row: row, header: header, sheet: sheet.name, isCSV: isCSV)
            guard let question = cells.value("question") else { continue }
            var item = ObjectBuilder()
            if let cell = cells.value("id") {
                item.add("id", textTree(cell.value, at: cell.position))
            } else {
                item.add("id", .string("q\(items.count + 1)", from: question.position))
            }
            item.add("question", textTree(question.value, at: question.position))
            if let cell = cells.value("choices"), let text = text(cell.value, at: cell.position) {
                item.add("choices", .strings(CellList.lines(text), from: cell.position))
            }
            if let cell = cells.value("answer"), let text = text(cell.value, at: cell.position) {
                let numbers = CellList.items(TextMatching.normalizeWidth(text)).map { Int($0.trimmed) }
                if numbers.isEmpty || numbers.contains(where: { ($0 ?? 0) < 1 }) {
                    error(at: cell.position, .quizAnswer, ["text": "\(text.prefix(40))"])
                } else {
                    let fromZero = numbers.compactMap { $0.map { Double($0 - 1) } }
                    item.add("answer", fromZero.count == 1 ? ScenarioTree(.number(fromZero[0]), from: cell.position)
                                                           : ScenarioTree(.list(fromZero.map { ScenarioTree(.number($0), from: cell.position) }), from: cell.position))
                }
            }
            if let cell = cells.value("explanation") { item.add("explanation", textTree(cell.value, at: cell.position)) }
            rows[question.position] = RowContext(layout: .quiz, sheet: sheet.name, row: row.number, columns: header.columns)
            items.append(item.tree(from: question.position))
        }
        return ScenarioTree(.list(items), from: sheetPosition(sheet))
    }
}
