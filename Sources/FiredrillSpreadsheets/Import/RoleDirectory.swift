import FiredrillCore

/// The roles a workbook has, found by id or by name as a sheet writes them (`IC`,
/// `インシデントコマンダー`): what `to` and `by` cells name.
struct RoleDirectory {
    private(set) var ids: [String] = []
    private var names: [String] = []
    private var lookup: [String: String] = [:]
    /// Ids and names as written, found without normalizing (most cells write them so).
    private var exact: [String: String] = [:]

    /// Adds a role; its id and name then find it (an earlier role keeps a name both have).
    mutating func add(id: String, name: String?) {
        ids.append(id)
        if exact[id] == nil { exact[id] = id }
        if let name, exact[name] == nil { exact[name] = id }
        if lookup[HeaderText.normalize(id)] == nil { lookup[HeaderText.normalize(id)] = id }
        if let name {
            names.append(name)
            if lookup[HeaderText.normalize(name)] == nil { lookup[HeaderText.normalize(name)] = id }
        }
    }

    func id(for text: String) -> String? {
        exact[text] ?? lookup[HeaderText.normalize(text)]
    }

    func contains(id: String) -> Bool { ids.contains(id) }

    /// `unknown role "Foo"; did you mean "ic"?`
    func unknownMessage(_ text: String, in what: SpreadsheetMessage.Value) -> SpreadsheetMessage {
        if let candidate = Suggestions.closest(to: text, among: ids + names) {
            return SpreadsheetMessage(.unknownRoleHint, ["name": "\(text.prefix(60))", "column": what, "id": "\(id(for: candidate) ?? candidate)"])
        }
        let known = Array(ids.prefix(12)) + (ids.count > 12 ? ["…"] : [])
        return SpreadsheetMessage(.unknownRoleList, ["name": "\(text.prefix(60))", "column": what, "roles": .list(known)])
    }
}
