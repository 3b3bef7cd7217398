import FiredrillCore
import Foundation

extension WorkbookMapper {
    /// The roles sheet: one role per row; a role with any persona cell is simulated.
    mutating func readRoles(_ sheet: Sheet) -> ScenarioTree {
        guard let header = HeaderRow.find(in: sheet, layout: .roles) else {
            error(at: sheetPosition(sheet), .noRolesHeaderRow, ["sheet": "\(sheet.name)"])
            return ScenarioTree(.list([]), from: sheetPosition(sheet))
        }
        reportUnknownHeaders(header, in: sheet, layout: .roles, whereValuesGo: Self.valuesLeftOut)
        let dataRows = sheet.rows[(header.index + 1)...]
        reportHeaderlessColumns(header, in: sheet, rows: dataRows)
        requireColumns(header.columns["id"] == nil ? ["name"] : [], of: header, in: sheet, layout: .roles)
        var items: [ScenarioTree] = []
        for (index, row) in dataRows.enumerated() {
            guard items.count < limits.maximumRoles else {
                error(at: position(row.cells[0].reference, in: sheet), .tooManyRoles, ["maximum": "\(limits.maximumRoles)"])
                break
            }
            let cells = RowCells(row: row, header: header, sheet: sheet.name, isCSV: isCSV)
            var role = ObjectBuilder()
            let name = cells.value("name").flatMap { text($0.value, at: $0.position) }?.trimmed
            var id: String
            if let cell = cells.value("id") {
                id = (text(cell.value, at: cell.position) ?? "").trimmed
                role.add("id", .string(id, from: cell.position))
            } else {
                id = name.flatMap(Slug.make) ?? "role-\(index + 1)"
                role.add("id", .string(id, from: cells.origin()))
            }
            roles.add(id: id, name: name)
            if let cell = cells.value("name") { role.add("name", .string(name ?? "", from: cell.position)) } else {
                role.add("name", .string(id, from: cells.origin()))
            }
            if let cell = cells.value("department") { role.add("department", textTree(cell.value, at: cell.position)) }
            // The role card: one responsibility per line of the cell.
            if let cell = cells.value("responsibilities"), let text = text(cell.value, at: cell.position) {
                let lines = CellList.lines(text)
                if !lines.isEmpty { role.add("responsibilities", .strings(lines, from: cell.position)) }
            }
            var persona = ObjectBuilder()
            if let cell = cells.value("persona channels") { persona.add("channels", channelListTree(cell.value, at: cell.position)) }
            if let cell = cells.value("persona delay") { persona.add("delay", timeTree(cell.value, at: cell.position, what: Self.column("persona delay", "ペルソナ遅延"))) }
            if let cell = cells.value("persona reply") { persona.add("reply", textTree(cell.value, at: cell.position)) }
            if !persona.entries.isEmpty {
                let where_ = cells.value("persona delay") ?? cells.value("persona channels") ?? cells.value("persona reply")
                role.add("persona", persona.tree(from: where_?.position))
            }
            let origin = cells.origin()
            rows[origin] = RowContext(layout: .roles, sheet: sheet.name, row: row.number, columns: header.columns)
            items.append(role.tree(from: origin))
        }
        return ScenarioTree(.list(items), from: sheetPosition(sheet))
    }

    /// Without a roles sheet: a role for each name in the MSEL's `to` cells, in the order
    /// they first appear. A name that is a slug is the role's id; another gets one made from
    /// it (`Incident Commander` → `incident-commander`, else `role-N`).
    mutating func deriveRoles(from sheet: Sheet, header: HeaderRow) -> ScenarioTree {
        var items: [ScenarioTree] = []
        var used: Set<String> = []
        if let column = header.columns["to"] {
            for row in sheet.rows[(header.index + 1)...] {
                guard let value = row[column] else { continue }
                let position = position(CellReference(row: row.number, column: column), in: sheet)
                for name in CellList.items(value.text, slash: true) {
                    let normalized = HeaderText.normalize(name)
                    guard !Words.everyone.matches(normalized), roles.id(for: name) == nil else { continue }
                    guard items.count < limits.maximumRoles else { break }
                    var id = Slug.isSlug(name) ? name : Slug.make(name) ?? ""
                    if id.isEmpty || used.contains(id) { id = "role-\(items.count + 1)" }
                    used.insert(id)
                    roles.add(id: id, name: name)
                    var role = ObjectBuilder()
                    role.add("id", .string(id, from: position))
                    role.add("name", .string(name, from: position))
                    items.append(role.tree(from: position))
                }
            }
        }
        if items.isEmpty {
            let (id, name) = headerLanguage == .japanese ? ("player", "参加者") : ("player", "Player")
            roles.add(id: id, name: name)
            var role = ObjectBuilder()
            role.add("id", .string(id, from: nil))
            role.add("name", .string(name, from: nil))
            items.append(role.tree(from: nil))
            warning(at: nil, .defaultRole, ["id": "\(id)", "name": "\(name)"])
        }
        return ScenarioTree(.list(items), from: nil)
    }
}
