import FiredrillCore
import Foundation

/// The scenario sheet's values, by scenario key.
struct ScenarioSheetValues {
    var values: [String: ScenarioTree] = [:]
}

extension WorkbookMapper {
    /// The scenario sheet: a key in a row's first cell, its value in the next one. A first row
    /// headed `key`/`value` (`項目`/`値`) is skipped.
    mutating func readScenarioSheet(_ sheet: Sheet) -> ScenarioSheetValues {
        var result = ScenarioSheetValues()
        var seen: [String: SpreadsheetPosition] = [:]
        let lookup = HeaderRow.lookup(.scenario)
        let known = SheetLayout.scenario.columns.flatMap { $0.headers.all }
        for (index, row) in sheet.rows.enumerated() {
            let keyCell = row.cells[0]
            let keyText = keyCell.value.text.trimmed
            let normalized = HeaderText.normalize(keyText)
            let keyPosition = position(keyCell.reference, in: sheet)
            if index == 0, Words.scenarioHeader.key.matches(normalized) { continue }
            guard let (key, _) = lookup[normalized] else {
                warning(at: keyPosition, .unknownScenarioKey, [
                    "key": "\(keyText.prefix(40))", "sheet": "\(sheet.name)", "hint": SpreadsheetMessage.hint(Suggestions.closest(to: keyText, among: known)),
                    "keys": .word(
                        english: SheetLayout.scenarioKeys.map(\.key).joined(separator: ", "),
                        japanese: SheetLayout.scenarioKeys.map { $0.headers.first(in: .japanese) }.joined(separator: "、")
                    ),
                ])
                continue
            }
            if let first = seen[key] {
                let names = SheetLayout.scenarioKeys.first { $0.key == key }?.headers
                warning(at: keyPosition, .scenarioKeyTwice, [
                    "key": Self.column(key, names?.first(in: .japanese) ?? key), "first": "\(first.description)",
                ])
                continue
            }
            seen[key] = keyPosition
            let valueReference = CellReference(row: row.number, column: keyCell.reference.column + 1)
            guard let value = row[valueReference.column] else { continue }
            let valuePosition = position(valueReference, in: sheet)
            switch key {
            case "duration":
                result.values[key] = timeTree(value, at: valuePosition, what: Self.column("duration", "所要時間"))
            case "tags":
                result.values[key] = listTree(value, at: valuePosition)
            case "channels":
                // Names of the default channels become their ids; other channels are the scenario's own.
                let ids = CellList.items(value.text).map { ChannelNames.id(for: $0, channels: []) ?? $0 }
                if !ids.isEmpty { channels = ids }
                result.values[key] = .strings(ids, from: valuePosition)
            case "language":
                if let text = text(value, at: valuePosition) {
                    result.values[key] = .string(Words.languageTag(text.trimmed), from: valuePosition)
                }
            default:
                result.values[key] = textTree(value, at: valuePosition)
            }
        }
        return result
    }
}
