import FiredrillCore

/// A scenario as the sheets of an MSEL workbook, headers and words in one language: the
/// MSEL first (what a planner works on, and what a program reading one sheet gets), then
/// the scenario's own values, the roles, the objectives and the survey.
struct ScenarioSheets {
    let scenario: Scenario
    let language: Language
    /// What a spreadsheet cannot hold as it is (a list item with a separator in it).
    private(set) var warnings: [SpreadsheetMessage] = []

    init(_ scenario: Scenario, language: Language) {
        self.scenario = scenario
        self.language = language
    }

    /// The separator of list items in a cell.
    var separator: String { language == .japanese ? "、" : ", " }

    mutating func all() -> [SheetTable] {
        var sheets = [msel(), scenarioSheet(), roles(), objectives()]
        if !scenario.survey.isEmpty { sheets.append(survey()) }
        if !scenario.quiz.isEmpty { sheets.append(quiz()) }
        return sheets
    }

    // MARK: - Sheets

    mutating func msel() -> SheetTable {
        let injects = scenario.injects
        var keys = ["id", "at"]
        if injects.contains(where: { if case .when = $0.trigger { true } else { false } }) { keys.append("when") }
        if injects.contains(where: { if case .when(_, let delay) = $0.trigger { delay != .zero } else { false } }) { keys.append("delay") }
        if injects.contains(where: { $0.guardCondition != nil }) { keys.append("if") }
        if injects.contains(where: { $0.from != nil }) { keys.append("from") }
        keys += ["to", "channel", "subject"]
        if injects.contains(where: { $0.body != nil }) { keys.append("body") }
        if injects.contains(where: { $0.expect != nil }) { keys.append("expect") }
        if injects.contains(where: { $0.notes != nil }) { keys.append("notes") }
        keys = SheetLayout.mselColumns.map(\.key).filter(keys.contains)
        var rows: [[SheetTable.Value?]] = [headers(keys, .msel)]
        for inject in injects {
            rows.append(keys.map { key -> SheetTable.Value? in
                switch key {
                case "id": return .text(inject.id)
                case "at":
                    if case .at(let time) = inject.trigger { return .time(time.milliseconds / 1000) }
                    return nil
                case "when":
                    if case .when(let condition, _) = inject.trigger { return .text(ConditionText.text(condition)) }
                    return nil
                case "delay":
                    if case .when(_, let delay) = inject.trigger, delay != .zero { return .time(delay.milliseconds / 1000) }
                    return nil
                case "if": return inject.guardCondition.map { .text(ConditionText.text($0)) }
                case "from": return inject.from.map(SheetTable.Value.text)
                case "to":
                    switch inject.to {
                    case .all: return .text(Words.everyone.first(in: language))
                    case .roles(let ids): return .text(list(ids, what: "to", slash: true))
                    }
                case "channel": return .text(ChannelNames.name(of: inject.channel, in: language))
                case "subject": return .text(inject.subject)
                case "body": return inject.body.map(SheetTable.Value.text)
                case "expect": return inject.expect.map(SheetTable.Value.text)
                case "notes": return inject.notes.map(SheetTable.Value.text)
                default: return nil
                }
            })
        }
        return SheetTable(name: SheetLayout.msel.sheetName(in: language), rows: rows, widths: keys.map(Self.width))
    }

    mutating func scenarioSheet() -> SheetTable {
        let header = Words.scenarioHeader
        var rows: [[SheetTable.Value?]] = [[.text(header.key.first(in: language)), .text(header.value.first(in: language))]]
        func add(_ key: String, _ value: SheetTable.Value?) {
            guard let value else { return }
            let name = SheetLayout.scenarioKeys.first { $0.key == key }!.headers.first(in: language)
            rows.append([.text(name), value])
        }
        add("id", .text(scenario.id))
        add("title", .text(scenario.title))
        add("duration", .time(scenario.duration.milliseconds / 1000))
        add("language", .text(scenario.language))
        add("briefing", scenario.briefing.map(SheetTable.Value.text))
        add("summary", scenario.summary.map(SheetTable.Value.text))
        if !scenario.tags.isEmpty { add("tags", .text(list(scenario.tags, what: "tags"))) }
        if scenario.channels != Scenario.defaultChannels {
            add("channels", .text(list(scenario.channels.map { ChannelNames.name(of: $0, in: language) }, what: "channels")))
        }
        return SheetTable(name: SheetLayout.scenario.sheetName(in: language), rows: rows, widths: [16, 80])
    }

    mutating func roles() -> SheetTable {
        let roles = scenario.roles
        var keys = ["id", "name"]
        if roles.contains(where: { $0.department != nil }) { keys.append("department") }
        if roles.contains(where: { $0.persona?.channels != nil }) { keys.append("persona channels") }
        // Written for every persona, even one of 0s: a row with a persona cell is a persona.
        if roles.contains(where: { $0.persona != nil }) { keys.append("persona delay") }
        if roles.contains(where: { $0.persona?.reply != nil }) { keys.append("persona reply") }
        if roles.contains(where: { !$0.responsibilities.isEmpty }) { keys.append("responsibilities") }
        var rows: [[SheetTable.Value?]] = [headers(keys, .roles)]
        for role in roles {
            rows.append(keys.map { key -> SheetTable.Value? in
                switch key {
                case "id": return .text(role.id)
                case "name": return .text(role.name)
                case "department": return role.department.map(SheetTable.Value.text)
                case "persona channels":
                    return role.persona?.channels.map { .text(list($0.map { ChannelNames.name(of: $0, in: language) }, what: "persona channels")) }
                case "persona delay": return role.persona.map { .time($0.delay.milliseconds / 1000) }
                case "persona reply": return role.persona?.reply.map(SheetTable.Value.text)
                case "responsibilities": return role.responsibilities.isEmpty ? nil : .text(role.responsibilities.joined(separator: "\n"))
                default: return nil
                }
            })
        }
        return SheetTable(name: SheetLayout.roles.sheetName(in: language), rows: rows, widths: keys.map(Self.width))
    }

    mutating func objectives() -> SheetTable {
        let objectives = scenario.objectives
        var keys = ["id"]
        if objectives.contains(where: { $0.name != nil }) { keys.append("name") }
        keys.append("kind")
        if objectives.contains(where: { $0.by != nil }) { keys.append("by") }
        if objectives.contains(where: { $0.to != nil }) { keys.append("to") }
        if objectives.contains(where: { $0.via != nil }) { keys.append("via") }
        if objectives.contains(where: { $0.from != nil }) { keys.append("from") }
        if objectives.contains(where: { !$0.match.isEmpty }) { keys.append("match") }
        keys += ["target", "limit", "weight"]
        if objectives.contains(where: { $0.controls != nil }) { keys.append("controls") }
        if objectives.contains(where: { $0.expect != nil }) { keys.append("expect") }
        var rows: [[SheetTable.Value?]] = [headers(keys, .objectives)]
        for objective in objectives {
            rows.append(keys.map { key -> SheetTable.Value? in
                switch key {
                case "id": return .text(objective.id)
                case "name": return objective.name.map(SheetTable.Value.text)
                case "kind": return .text(Words.name(of: objective.kind, in: language))
                case "by": return objective.by.map { .text(list($0, what: "by")) }
                case "to": return objective.to.map(SheetTable.Value.text)
                case "via": return objective.via.map { .text(list($0.map { ChannelNames.name(of: $0, in: language) }, what: "via")) }
                case "from": return objective.from.map(SheetTable.Value.text)
                case "match": return objective.match.isEmpty ? nil : .text(list(objective.match, what: "match"))
                case "target": return .time(objective.target.milliseconds / 1000)
                case "limit": return .time(objective.limit.milliseconds / 1000)
                case "weight": return .number(objective.weight)
                case "controls": return objective.controls.map { .text(list($0, what: "controls")) }
                case "expect": return objective.expect.map(SheetTable.Value.text)
                default: return nil
                }
            })
        }
        return SheetTable(name: SheetLayout.objectives.sheetName(in: language), rows: rows, widths: keys.map(Self.width))
    }

    func survey() -> SheetTable {
        var rows: [[SheetTable.Value?]] = [headers(["question", "kind"], .survey)]
        for question in scenario.survey {
            rows.append([.text(question.text), .text(Words.name(of: question.kind, in: language))])
        }
        return SheetTable(name: SheetLayout.survey.sheetName(in: language), rows: rows, widths: [80, 12])
    }

    /// The quiz: choices one per line, the answer counted from 1 as people count.
    func quiz() -> SheetTable {
        let explained = scenario.quiz.contains { $0.explanation != nil }
        var rows: [[SheetTable.Value?]] = [headers(["id", "question", "choices", "answer"] + (explained ? ["explanation"] : []), .quiz)]
        for question in scenario.quiz {
            rows.append([.text(question.id), .text(question.question), .text(question.choices.joined(separator: "\n")),
                         .text(question.answers.map { "\($0 + 1)" }.joined(separator: ", "))] + (explained ? [question.explanation.map(SheetTable.Value.text)] : []))
        }
        return SheetTable(name: SheetLayout.quiz.sheetName(in: language), rows: rows, widths: [10, 60, 40, 10] + (explained ? [60] : []))
    }

    // MARK: - Cells

    private func headers(_ keys: [String], _ layout: SheetLayout) -> [SheetTable.Value?] {
        keys.map { key in .text(layout.columns.first { $0.key == key }!.headers.first(in: language)) }
    }

    /// Items joined for one cell; an item that would not read back whole is named in a warning.
    private mutating func list(_ items: [String], what key: String, slash: Bool = false) -> String {
        for item in items where CellList.wouldSplit(item, slash: slash) {
            let column = SheetLayout.allCases.lazy.flatMap(\.columns).first { $0.key == key }?.headers
            warnings.append(SpreadsheetMessage(slash ? .exportItemSplitsOrSlash : .exportItemSplits, [
                "column": .word(english: column?.english.first ?? key, japanese: column?.japanese.first ?? key),
                "item": .verbatim(String(item.prefix(60))),
            ]))
        }
        return items.joined(separator: separator)
    }

    static func width(_ key: String) -> Double {
        switch key {
        case "id", "from", "to", "by", "persona channels", "via", "controls": 18
        case "at", "delay", "target", "limit", "weight", "kind", "persona delay", "channel": 10
        case "when", "if", "name", "department", "match": 28
        case "subject": 44
        default: 60
        }
    }
}
