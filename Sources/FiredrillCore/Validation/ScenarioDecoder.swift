/// Reads a scenario from a ``SourceNode`` tree and checks every rule of the scenario
/// format, collecting *all* problems in one pass.
///
/// The result has a ``Scenario`` only when there were no errors.
public struct ScenarioDecoder {
    public struct Result: Sendable {
        public var scenario: Scenario?
        public var diagnostics: DiagnosticList
    }

    public static func decode(_ root: SourceNode, limits: ValidationLimits = .default) -> Result {
        var decoder = ScenarioDecoder(limits: limits)
        let scenario = decoder.decodeScenario(root)
        return Result(scenario: decoder.diagnostics.hasErrors ? nil : scenario, diagnostics: decoder.diagnostics)
    }

    static let topLevelKeys = [
        "firedrill", "id", "title", "summary", "briefing", "language", "tags", "duration", "channels",
        "roles", "injects", "objectives", "survey",
    ]
    static let roleKeys = ["id", "name", "department", "persona"]
    static let personaKeys = ["channels", "delay", "reply"]
    static let injectKeys = ["id", "to", "channel", "subject", "body", "from", "at", "when", "delay", "if", "expect", "notes"]
    static let objectiveKeys = ["id", "name", "kind", "by", "from", "target", "limit", "weight", "to", "via", "match", "controls", "expect"]
    static let surveyKeys = ["question", "kind"]

    let limits: ValidationLimits
    var diagnostics = DiagnosticList()

    // Ids known after the first pass, for checking references in the second.
    var channels: [String] = Scenario.defaultChannels
    var roleIDs: Set<String> = []
    var personaRoleIDs: Set<String> = []
    var personaChannels: [String: [String]?] = [:]
    var injectIDs: Set<String> = []
    var objectiveIDs: Set<String> = []

    init(limits: ValidationLimits) {
        self.limits = limits
    }

    // MARK: - Scenario

    mutating func decodeScenario(_ root: SourceNode) -> Scenario? {
        guard let top = fields(of: root, what: "the scenario", allowed: Self.topLevelKeys,
                               required: ["firedrill", "id", "title", "duration", "roles", "injects", "objectives"])
        else { return nil }

        if let node = top["firedrill"] { checkVersion(node) }
        let id = top["id"].flatMap { slug($0, what: "scenario id") }
        let title = top["title"].flatMap { text($0, what: "title", oneLine: true) }
        let summary = top["summary"].flatMap { text($0, what: "summary", oneLine: false) }
        let briefing = top["briefing"].flatMap { text($0, what: "briefing", oneLine: false) }
        var language = "en"
        if let node = top["language"], let tag = text(node, what: "language", oneLine: true) {
            if isLanguageTag(tag) { language = tag } else {
                diagnostics.error(node.location, "language '\(tag)' is not a BCP-47 language tag; write e.g. 'en', 'ja' or 'pt-BR'")
            }
        }
        let tags = top["tags"].flatMap { textList($0, what: "tags") } ?? []
        let duration = top["duration"].flatMap { positiveDuration($0, what: "duration") }
        if let node = top["channels"], let list = slugList(node, what: "channels", maximum: limits.maximumChannels) {
            if list.isEmpty {
                diagnostics.error(node.location, "channels is empty; list the channels this scenario uses, or leave the key out to use the defaults")
            } else {
                channels = list
            }
        }
        let survey = top["survey"].flatMap { surveyQuestions($0) } ?? []

        // First pass: ids, so that references can be checked whatever their order.
        let roleNodes = top["roles"].flatMap { items($0, what: "roles", maximum: limits.maximumRoles) } ?? []
        let injectNodes = top["injects"].flatMap { items($0, what: "injects", maximum: limits.maximumInjects) } ?? []
        let objectiveNodes = top["objectives"].flatMap { items($0, what: "objectives", maximum: limits.maximumObjectives) } ?? []
        collectIDs(roleNodes: roleNodes, injectNodes: injectNodes, objectiveNodes: objectiveNodes)

        // Second pass: every field.
        var roles: [Role] = []
        var seenRoles: Set<String> = []
        for node in roleNodes {
            // Duplicates were reported in the first pass; the first entry of an id is kept.
            if let role = decodeRole(node), seenRoles.insert(role.id).inserted { roles.append(role) }
        }
        if let rolesNode = top["roles"], !roleNodes.isEmpty, !roles.isEmpty, roles.allSatisfy(\.isSimulated) {
            diagnostics.error(rolesNode.location, "every role has a persona, so nobody can play this drill; at least one role must be played by a person (leave out its persona)")
        }

        var injects: [Inject] = []
        var seenInjects: Set<String> = []
        var whenLocations: [String: SourceLocation] = [:]
        for node in injectNodes {
            if let (inject, whenLocation) = decodeInject(node, duration: duration), seenInjects.insert(inject.id).inserted {
                injects.append(inject)
                if let whenLocation { whenLocations[inject.id] = whenLocation }
            }
        }

        var objectives: [Objective] = []
        var seenObjectives: Set<String> = []
        for node in objectiveNodes {
            if let objective = decodeObjective(node, duration: duration), seenObjectives.insert(objective.id).inserted {
                objectives.append(objective)
            }
        }

        checkWhenChains(injects: injects, objectives: objectives, locations: whenLocations)

        guard let id, let title, let duration else { return nil }
        return Scenario(
            formatVersion: 1, id: id, title: title, summary: summary, briefing: briefing, language: language, tags: tags,
            duration: duration, channels: channels, roles: roles, injects: injects, objectives: objectives,
            survey: survey
        )
    }

    /// Survey items: a question string (answered 1–5), or `{question: …, kind: scale | text}`.
    mutating func surveyQuestions(_ node: SourceNode) -> [SurveyQuestion]? {
        guard let items = scalarList(node, what: "survey", maximum: limits.maximumListItems) else { return nil }
        var questions: [SurveyQuestion] = []
        var valid = true
        for item in items {
            if case .mapping = item.value {
                guard let map = fields(of: item, what: "a survey question", allowed: Self.surveyKeys, required: ["question"]) else { valid = false; continue }
                let question = map["question"].flatMap { text($0, what: "question", oneLine: false) }
                var kind = SurveyQuestion.Kind.scale
                if let kindNode = map["kind"], let word = text(kindNode, what: "kind", oneLine: true) {
                    if let value = SurveyQuestion.Kind(rawValue: word) { kind = value } else {
                        let kinds = SurveyQuestion.Kind.allCases.map(\.rawValue)
                        diagnostics.error(kindNode.location, "unknown survey question kind '\(word)'\(Suggestions.hint(for: word, among: kinds)) (kinds: scale for 1–5, text for free text)")
                        valid = false
                    }
                } else if map["kind"] != nil { valid = false }
                if let question { questions.append(SurveyQuestion(question, kind: kind)) } else { valid = false }
            } else if let question = text(item, what: "survey", oneLine: false) {
                questions.append(SurveyQuestion(question))
            } else {
                valid = false
            }
        }
        return valid ? questions : nil
    }

    mutating func checkVersion(_ node: SourceNode) {
        guard let scalar = node.scalar else {
            diagnostics.error(node.location, "firedrill must be the format version, the number 1; found \(node.kindDescription)")
            return
        }
        switch scalar.type {
        case .int where scalar.text == "1":
            break
        case .int, .float:
            diagnostics.error(node.location, "unsupported format version \(scalar.text); this firedrill reads version 1 (write 'firedrill: 1')")
        default:
            diagnostics.error(node.location, "firedrill must be the number 1 (without quotes); found \(node.kindDescription) '\(scalar.text)'")
        }
    }

    /// The first pass: every id, whatever else is wrong with its entry, so that duplicates
    /// and references are judged against all of them (an entry with a bad field is still
    /// there for the reader of the file). Duplicate ids are reported here, once each.
    mutating func collectIDs(roleNodes: [SourceNode], injectNodes: [SourceNode], objectiveNodes: [SourceNode]) {
        reportDuplicateIDs(roleNodes, what: "role")
        reportDuplicateIDs(injectNodes, what: "inject")
        reportDuplicateIDs(objectiveNodes, what: "objective")
        for node in roleNodes {
            guard let id = peekID(node) else { continue }
            roleIDs.insert(id)
            if let persona = peek(node, "persona") {
                personaRoleIDs.insert(id)
                if let channelsNode = peek(persona, "channels"), case .sequence(let list) = channelsNode.value {
                    personaChannels[id] = list.compactMap { $0.scalar?.text }
                } else {
                    personaChannels[id] = .some(nil)
                }
            }
        }
        for node in injectNodes { if let id = peekID(node) { injectIDs.insert(id) } }
        for node in objectiveNodes { if let id = peekID(node) { objectiveIDs.insert(id) } }
    }

    mutating func reportDuplicateIDs(_ nodes: [SourceNode], what: String) {
        var first: [String: SourceLocation] = [:]
        for node in nodes {
            guard let id = peekID(node) else { continue }
            if let earlier = first[id] {
                diagnostics.error(node.location, "duplicate \(what) id '\(id.prefix(64))' (first defined at line \(earlier.line)); \(what) ids must be unique")
            } else {
                first[id] = node.location
            }
        }
    }

    func peek(_ node: SourceNode, _ key: String) -> SourceNode? {
        guard case .mapping(let entries) = node.value else { return nil }
        return entries.first { $0.key.scalar?.text == key }?.value
    }

    func peekID(_ node: SourceNode) -> String? {
        guard let scalar = peek(node, "id")?.scalar, scalar.type != .null else { return nil }
        return scalar.text
    }

    // MARK: - Roles

    mutating func decodeRole(_ node: SourceNode) -> Role? {
        guard let map = fields(of: node, what: "a role", allowed: Self.roleKeys, required: ["id", "name"]) else { return nil }
        let id = map["id"].flatMap { slug($0, what: "role id") }
        let name = map["name"].flatMap { text($0, what: "role name", oneLine: true) }
        let department = map["department"].flatMap { text($0, what: "department", oneLine: true) }
        var persona: Persona? = nil
        var personaValid = true
        if let personaNode = map["persona"] {
            persona = decodePersona(personaNode)
            personaValid = persona != nil
        }
        guard let id, let name, personaValid else { return nil }
        return Role(id: id, name: name, department: department, persona: persona)
    }

    mutating func decodePersona(_ node: SourceNode) -> Persona? {
        guard let map = fields(of: node, what: "persona", allowed: Self.personaKeys, required: []) else { return nil }
        var valid = true
        var accepted: [String]? = nil
        if let channelsNode = map["channels"] {
            if let list = channelList(channelsNode, what: "persona channels") {
                if list.isEmpty {
                    diagnostics.error(channelsNode.location, "persona channels is empty, so the persona would ignore every escalation; list at least one channel or leave the key out")
                    valid = false
                }
                accepted = list
            } else { valid = false }
        }
        var delay = DrillTime.zero
        if let delayNode = map["delay"] {
            if let value = duration(delayNode, what: "persona delay") { delay = value } else { valid = false }
        }
        var reply: String? = nil
        if let replyNode = map["reply"] {
            reply = text(replyNode, what: "persona reply", oneLine: false)
            valid = valid && reply != nil
        }
        return valid ? Persona(channels: accepted, delay: delay, reply: reply) : nil
    }

    // MARK: - Injects

    mutating func decodeInject(_ node: SourceNode, duration: DrillTime?) -> (Inject, SourceLocation?)? {
        guard let map = fields(of: node, what: "an inject", allowed: Self.injectKeys, required: ["id", "to", "channel", "subject"])
        else { return nil }
        var valid = true
        let id = map["id"].flatMap { slug($0, what: "inject id") }
        let recipients = map["to"].flatMap { decodeRecipients($0) }
        let channel = map["channel"].flatMap { channelName($0, what: "channel") }
        let subject = map["subject"].flatMap { text($0, what: "subject", oneLine: true) }
        let body = map["body"].flatMap { text($0, what: "body", oneLine: false) }
        let sender = map["from"].flatMap { text($0, what: "from", oneLine: true) }
        let expect = map["expect"].flatMap { text($0, what: "expect", oneLine: false) }
        let notes = map["notes"].flatMap { text($0, what: "notes", oneLine: false) }
        var trigger: Inject.Trigger? = nil
        var whenLocation: SourceLocation? = nil
        switch (map["at"], map["when"]) {
        case (nil, nil):
            diagnostics.error(node.location, "inject '\(id ?? "?")' needs either 'at:' (a drill time such as 10m) or 'when:' (a condition such as met(ack-alert))")
            if let delayNode = map["delay"] {
                diagnostics.error(delayNode.location, "'delay' only goes with 'when'")
            }
        case (let atNode?, let whenNode?):
            diagnostics.error(whenNode.location, "inject '\(id ?? "?")' has both 'at' (line \(atNode.location.line)) and 'when'; keep exactly one of them")
        case (let atNode?, nil):
            if let delayNode = map["delay"] {
                diagnostics.error(delayNode.location, "'delay' only goes with 'when'; with 'at', put the full time in 'at'")
                valid = false
            }
            if let at = self.duration(atNode, what: "at") {
                if let duration, at > duration {
                    diagnostics.error(atNode.location, "'at' \(Self.format(at)) is after the end of the drill (duration \(Self.format(duration))); deliver it earlier or lengthen the drill")
                } else {
                    trigger = .at(at)
                }
            }
        case (nil, let whenNode?):
            var delay = DrillTime.zero
            if let delayNode = map["delay"] {
                if let value = self.duration(delayNode, what: "delay") { delay = value } else { valid = false }
            }
            if let condition = condition(whenNode, what: "when") {
                trigger = .when(condition, delay: delay)
                whenLocation = whenNode.location
            }
        }

        var guardCondition: Condition? = nil
        if let ifNode = map["if"] {
            guardCondition = condition(ifNode, what: "if")
            if guardCondition == nil { valid = false }
        }

        guard valid, let id, let recipients, let channel, let subject, let trigger else { return nil }
        let inject = Inject(
            id: id, to: recipients, channel: channel, subject: subject, body: body, from: sender,
            trigger: trigger, guardCondition: guardCondition, expect: expect, notes: notes
        )
        return (inject, whenLocation)
    }

    mutating func decodeRecipients(_ node: SourceNode) -> Recipients? {
        if let scalar = node.scalar, scalar.type == .string || scalar.type == .null {
            if scalar.text == "all" { return .all }
            let hint = roleIDs.contains(scalar.text) ? "; to send to one role, write a list: [\(scalar.text)]" : ""
            diagnostics.error(node.location, "'to' must be the word 'all' or a list of role ids, found '\(scalar.text)'\(hint)")
            return nil
        }
        guard let list = slugList(node, what: "to", maximum: limits.maximumListItems) else { return nil }
        if list.isEmpty {
            diagnostics.error(node.location, "'to' is empty; name at least one role, or write 'all'")
            return nil
        }
        var valid = true
        if case .sequence(let items) = node.value {
            for (item, id) in zip(items, list) where !roleIDs.contains(id) {
                diagnostics.error(item.location, "unknown role '\(id)'\(Suggestions.hint(for: id, among: roleIDs.sorted()))")
                valid = false
            }
        }
        if valid, list.allSatisfy({ personaRoleIDs.contains($0) }) {
            diagnostics.warning(node.location, "this inject goes only to simulated roles (personas), so no player will see it")
        }
        return valid ? .roles(list) : nil
    }

    // MARK: - Objectives

    mutating func decodeObjective(_ node: SourceNode, duration: DrillTime?) -> Objective? {
        guard let map = fields(of: node, what: "an objective", allowed: Self.objectiveKeys, required: ["id", "kind", "target"])
        else { return nil }
        var valid = true
        let id = map["id"].flatMap { slug($0, what: "objective id") }
        var name: String? = nil
        if let nameNode = map["name"] {
            name = text(nameNode, what: "objective name", oneLine: true)
            valid = valid && name != nil
        }
        var kind: ActionKind? = nil
        if let kindNode = map["kind"], let word = text(kindNode, what: "kind", oneLine: true) {
            kind = ActionKind(rawValue: word)
            if kind == nil {
                let all = ActionKind.allCases.map(\.rawValue)
                let byCommand = ActionKind(command: word).map { "; did you mean '\($0.rawValue)'?" }
                diagnostics.error(kindNode.location, "unknown objective kind '\(word)'\(byCommand ?? Suggestions.hint(for: word, among: all)) (kinds: \(all.joined(separator: ", ")))")
            }
        }
        var by: [String]? = nil
        if let byNode = map["by"] {
            if let list = roleReferences(byNode, what: "by") {
                if list.isEmpty {
                    diagnostics.error(byNode.location, "'by' is empty, so nobody could meet this objective; name roles or leave the key out")
                    valid = false
                } else if case .sequence(let items) = byNode.value {
                    for (item, role) in zip(items, list) where personaRoleIDs.contains(role) {
                        diagnostics.error(item.location, "role '\(role)' is simulated (it has a persona) and never acts; only roles played by people can meet objectives")
                        valid = false
                    }
                }
                by = list
            } else { valid = false }
        }
        var from: String? = nil
        if let fromNode = map["from"], let injectID = text(fromNode, what: "from", oneLine: true) {
            if injectIDs.contains(injectID) { from = injectID } else {
                diagnostics.error(fromNode.location, "unknown inject '\(injectID)' in 'from'\(Suggestions.hint(for: injectID, among: injectIDs.sorted()))")
                valid = false
            }
        } else if map["from"] != nil { valid = false }

        let target = map["target"].flatMap { self.duration($0, what: "target") }
        var limit: DrillTime? = nil
        if let limitNode = map["limit"] {
            limit = self.duration(limitNode, what: "limit")
            if let limit, let target, limit <= target {
                diagnostics.error(limitNode.location, "limit \(Self.format(limit)) must be greater than target \(Self.format(target))")
                valid = false
            } else if limit == nil { valid = false }
        } else if let target, target == .zero, let targetNode = map["target"] {
            diagnostics.error(targetNode.location, "target 0s needs an explicit 'limit' greater than 0 (the default limit is twice the target)")
            valid = false
        }
        if let target, let duration, target > duration, let targetNode = map["target"] {
            diagnostics.warning(targetNode.location, "target \(Self.format(target)) is longer than the whole drill (\(Self.format(duration)))")
        }

        var weight = 1.0
        if let weightNode = map["weight"] {
            if let value = number(weightNode, what: "weight") {
                if value < 0 {
                    diagnostics.error(weightNode.location, "weight must be 0 or more; 0 tracks the objective without scoring it")
                    valid = false
                } else if value > limits.maximumWeight {
                    diagnostics.error(weightNode.location, "weight \(scalarText(weightNode)) is too large; weights are relative, from 0 to \(Int(limits.maximumWeight)) (e.g. 1 for most objectives, 2 or 3 for the critical ones)")
                    valid = false
                } else { weight = value }
            } else { valid = false }
        }

        var escalateTo: String? = nil
        var via: [String]? = nil
        if let toNode = map["to"] {
            if kind != nil, kind != .escalate {
                diagnostics.error(toNode.location, "'to' only applies to escalate objectives")
                valid = false
            } else if let roleID = text(toNode, what: "to", oneLine: true) {
                if roleIDs.contains(roleID) { escalateTo = roleID } else {
                    diagnostics.error(toNode.location, "unknown role '\(roleID)' in 'to'\(Suggestions.hint(for: roleID, among: roleIDs.sorted()))")
                    valid = false
                }
            } else { valid = false }
        } else if kind == .escalate {
            diagnostics.error(node.location, "escalate objective '\(id ?? "?")' needs 'to:', the role that must be escalated to")
            valid = false
        }
        if let viaNode = map["via"] {
            if kind != nil, kind != .escalate {
                diagnostics.error(viaNode.location, "'via' only applies to escalate objectives")
                valid = false
            } else if let list = channelList(viaNode, what: "via") {
                if list.isEmpty {
                    diagnostics.error(viaNode.location, "'via' is empty, so no escalation could count; list channels or leave the key out")
                    valid = false
                }
                via = list
            } else { valid = false }
        }
        var match: [String] = []
        if let matchNode = map["match"] {
            if let kind, kind == .acknowledge || kind == .escalate {
                diagnostics.error(matchNode.location, "'match' does not apply to \(kind.rawValue) objectives; it is for action, communicate, report and resolve")
                valid = false
            } else if let list = textList(matchNode, what: "match") {
                if list.isEmpty {
                    diagnostics.error(matchNode.location, "'match' is empty; list keywords or leave the key out to accept any text")
                    valid = false
                }
                match = list
            } else { valid = false }
        }

        var controls: [String]? = nil
        if let controlsNode = map["controls"] {
            if let list = textList(controlsNode, what: "controls") {
                if case .sequence(let items) = controlsNode.value {
                    for (item, control) in zip(items, list) where !ControlCatalog.isKnown(control) {
                        diagnostics.error(item.location, "unknown control '\(control.prefix(40))'\(Suggestions.hint(for: control, among: ControlCatalog.allIDs)); write ISO/IEC 27001:2022 Annex A ids (A.5.24), NIST SP 800-53 IR ids (IR-3) or CSF 2.0 functions (DE, RS, RC)")
                        valid = false
                    }
                } else if let control = list.first, !ControlCatalog.isKnown(control) {
                    diagnostics.error(controlsNode.location, "unknown control '\(control.prefix(40))'\(Suggestions.hint(for: control, among: ControlCatalog.allIDs))")
                    valid = false
                }
                controls = list
            } else { valid = false }
        }

        let expect = map["expect"].flatMap { text($0, what: "expect", oneLine: false) }

        guard valid, let id, let kind, let target else { return nil }
        return Objective(
            id: id, name: name, kind: kind, by: by, from: from, target: target, limit: limit, weight: weight,
            to: escalateTo, via: via, match: match, controls: controls, expect: expect
        )
    }

    // MARK: - Conditions and `when` chains

    mutating func condition(_ node: SourceNode, what: String) -> Condition? {
        guard let source = text(node, what: what, oneLine: false) else { return nil }
        switch ConditionParser.parse(source) {
        case .failure(let error):
            var location = node.location
            if !source.contains("\n") {
                location.column += error.offset + (node.scalar?.isQuoted == true ? 1 : 0)
            }
            diagnostics.error(location, "in '\(what)': \(error.message)")
            return nil
        case .success(let condition):
            var valid = true
            for atom in condition.atoms {
                switch atom {
                case .met(let id) where !objectiveIDs.contains(id):
                    diagnostics.error(node.location, "in '\(what)': unknown objective '\(id)' in met(\(id))\(Suggestions.hint(for: id, among: objectiveIDs.sorted()))")
                    valid = false
                case .delivered(let id) where !injectIDs.contains(id):
                    diagnostics.error(node.location, "in '\(what)': unknown inject '\(id)' in delivered(\(id))\(Suggestions.hint(for: id, among: injectIDs.sorted()))")
                    valid = false
                default:
                    break
                }
            }
            return valid ? condition : nil
        }
    }

    /// Finds `when` injects that can never fire because their condition waits, directly or
    /// through other `when` injects, on deliveries that a cycle prevents.
    mutating func checkWhenChains(injects: [Inject], objectives: [Objective], locations: [String: SourceLocation]) {
        let unreadable = injectIDs.subtracting(injects.map(\.id))
        let analysis = ReachabilityAnalysis(injects: injects, objectives: objectives, assumedPossible: unreadable)
        for inject in injects where !analysis.canFire(inject.id) {
            guard case .when = inject.trigger else { continue }
            let location = locations[inject.id]
            if let cycle = analysis.cycle(through: inject.id) {
                diagnostics.error(location, "inject '\(inject.id)' can never fire: its 'when' waits on a cycle (\(cycle.joined(separator: " → "))); break the cycle with an 'at' inject or an 'or' alternative")
            } else {
                diagnostics.error(location, "inject '\(inject.id)' can never fire: its 'when' depends on injects that wait on a cycle (\(analysis.blockers(of: inject.id).joined(separator: ", ")))")
            }
        }
    }
}

// MARK: - Field readers

extension ScenarioDecoder {
    /// A mapping's values by key, after checking for unknown, duplicate and missing keys.
    struct Fields {
        var values: [String: SourceNode]
        subscript(key: String) -> SourceNode? { values[key] }
    }

    mutating func fields(of node: SourceNode, what: String, allowed: [String], required: [String]) -> Fields? {
        guard case .mapping(let entries) = node.value else {
            diagnostics.error(node.location, "\(what) must be a mapping of keys (\(allowed.prefix(4).joined(separator: ", ")), …); found \(node.kindDescription)")
            return nil
        }
        var values: [String: SourceNode] = [:]
        for entry in entries {
            guard let key = entry.key.scalar?.text, entry.key.scalar?.type != .null else {
                diagnostics.error(entry.key.location, "keys must be plain words; found \(entry.key.kindDescription)")
                continue
            }
            guard allowed.contains(key) else {
                diagnostics.error(entry.key.location, "unknown key '\(key)' in \(what)\(Suggestions.hint(for: key, among: allowed)) (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            if let first = values[key] {
                diagnostics.error(entry.key.location, "duplicate key '\(key)' (first at line \(first.location.line))")
                continue
            }
            values[key] = entry.value
        }
        for key in required where values[key] == nil {
            diagnostics.error(node.location, "\(what) is missing the required key '\(key)'")
        }
        return Fields(values: values)
    }

    mutating func items(_ node: SourceNode, what: String, maximum: Int) -> [SourceNode]? {
        guard case .sequence(let list) = node.value else {
            diagnostics.error(node.location, "'\(what)' must be a list; found \(node.kindDescription)")
            return nil
        }
        if list.isEmpty {
            diagnostics.error(node.location, "'\(what)' is empty; a scenario needs at least one")
        }
        if list.count > maximum {
            // Reported once; the entries are still all read (the document's size is bounded
            // already), so that nothing past the limit turns into follow-on errors.
            diagnostics.error(node.location, "'\(what)' has \(list.count) entries; the limit is \(maximum)")
        }
        return list
    }

    mutating func text(_ node: SourceNode, what: String, oneLine: Bool) -> String? {
        guard let scalar = node.scalar else {
            diagnostics.error(node.location, "'\(what)' must be text; found \(node.kindDescription)")
            return nil
        }
        if scalar.type == .null {
            diagnostics.error(node.location, "'\(what)' has no value; write text or leave the key out")
            return nil
        }
        let limit = oneLine ? limits.maximumLineLength : limits.maximumTextLength
        if scalar.text.unicodeScalars.count > limit {
            diagnostics.error(node.location, "'\(what)' is \(scalar.text.count) characters long; the limit is \(limit)")
            return nil
        }
        if let bad = ControlCharacters.firstForbidden(in: scalar.text, allowingNewlines: true) {
            diagnostics.error(node.location, "'\(what)' contains the control character \(bad.name) at character \(bad.offset); remove it (control characters could rewrite a participant's screen)")
            return nil
        }
        if oneLine {
            let trimmed = scalar.text.trimmingWhitespace
            if trimmed.contains(where: \.isNewline) {
                diagnostics.error(node.location, "'\(what)' must be one line")
                return nil
            }
            if trimmed.isEmpty {
                diagnostics.error(node.location, "'\(what)' is empty")
                return nil
            }
            return trimmed
        }
        return scalar.text
    }

    static let slugPattern = "^[a-z0-9][a-z0-9-]{0,63}$"

    static func isSlug(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func allowed(_ byte: UInt8, first: Bool) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || (!first && byte == 45)
        }
        return bytes.enumerated().allSatisfy { allowed($1, first: $0 == 0) }
    }

    mutating func slug(_ node: SourceNode, what: String) -> String? {
        guard let scalar = node.scalar, scalar.type != .null else {
            diagnostics.error(node.location, "\(what) must be a slug such as 'mail-alert'; found \(node.kindDescription)")
            return nil
        }
        guard Self.isSlug(scalar.text) else {
            let suggestion = Self.slugified(scalar.text).map { "; e.g. '\($0)'" } ?? ""
            diagnostics.error(node.location, "\(what) '\(scalar.text.prefix(80))' is not a slug: use 1–64 lower-case letters, digits and '-', starting with a letter or digit\(suggestion)")
            return nil
        }
        return scalar.text
    }

    static func slugified(_ text: String) -> String? {
        var result = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber { result.append(character) }
            else if !result.isEmpty, result.last != "-" { result.append("-") }
        }
        while result.last == "-" { result.removeLast() }
        return isSlug(result) ? result : nil
    }

    /// The items of a list. A single text value counts as a list of one (`match: refund`),
    /// as the format's "keywords" and "role ids" are often written that way.
    mutating func scalarList(_ node: SourceNode, what: String, maximum: Int) -> [SourceNode]? {
        if let scalar = node.scalar, scalar.type == .string, !scalar.text.isEmpty {
            return [node]
        }
        guard case .sequence(let items) = node.value else {
            let example = node.scalar.map { "; write a list, e.g. [\($0.text.prefix(40))]" } ?? ""
            diagnostics.error(node.location, "'\(what)' must be a list; found \(node.kindDescription)\(example)")
            return nil
        }
        if items.count > maximum {
            diagnostics.error(node.location, "'\(what)' has \(items.count) entries; the limit is \(maximum)")
            return nil
        }
        return items
    }

    /// Each item of a list as `read` reads it; `nil` when the list or any item is not valid
    /// (every item is read all the same, so that each problem is reported).
    mutating func list<Item>(
        _ node: SourceNode, what: String, maximum: Int, _ read: (inout Self, SourceNode) -> Item?
    ) -> [Item]? {
        guard let items = scalarList(node, what: what, maximum: maximum) else { return nil }
        var result: [Item] = []
        var valid = true
        for item in items {
            if let value = read(&self, item) { result.append(value) } else { valid = false }
        }
        return valid ? result : nil
    }

    mutating func textList(_ node: SourceNode, what: String) -> [String]? {
        list(node, what: what, maximum: limits.maximumListItems) { decoder, item in decoder.text(item, what: what, oneLine: true) }
    }

    mutating func slugList(_ node: SourceNode, what: String, maximum: Int) -> [String]? {
        var seen: Set<String> = []
        return list(node, what: what, maximum: maximum) { decoder, item in
            guard let value = decoder.slug(item, what: "each entry of '\(what)'") else { return nil }
            guard seen.insert(value).inserted else {
                decoder.diagnostics.error(item.location, "'\(value)' appears twice in '\(what)'")
                return nil
            }
            return value
        }
    }

    mutating func channelName(_ node: SourceNode, what: String) -> String? {
        guard let name = text(node, what: what, oneLine: true) else { return nil }
        guard channels.contains(name) else {
            diagnostics.error(node.location, "unknown channel '\(name)'\(Suggestions.hint(for: name, among: channels)) (channels: \(channels.joined(separator: ", ")))")
            return nil
        }
        return name
    }

    mutating func channelList(_ node: SourceNode, what: String) -> [String]? {
        list(node, what: what, maximum: limits.maximumChannels) { decoder, item in decoder.channelName(item, what: what) }
    }

    mutating func roleReferences(_ node: SourceNode, what: String) -> [String]? {
        list(node, what: what, maximum: limits.maximumListItems) { decoder, item in
            guard let id = decoder.text(item, what: what, oneLine: true) else { return nil }
            guard decoder.roleIDs.contains(id) else {
                decoder.diagnostics.error(item.location, "unknown role '\(id)' in '\(what)'\(Suggestions.hint(for: id, among: decoder.roleIDs.sorted()))")
                return nil
            }
            return id
        }
    }

    mutating func duration(_ node: SourceNode, what: String) -> DrillTime? {
        guard let scalar = node.scalar, scalar.type == .int || scalar.type == .string else {
            diagnostics.error(node.location, "'\(what)' must be a duration such as 90s, 5m, 1h30m, 20分 or a number of seconds; found \(node.kindDescription)")
            return nil
        }
        guard let value = DrillTime(durationText: scalar.text) else {
            diagnostics.error(node.location, "'\(what)' value '\(scalar.text.prefix(40))' is not a duration; write e.g. 90s, 5m, 1h30m, 2m30s, 20分, 1時間30分 or a whole number of seconds (at most 30 days)")
            return nil
        }
        return value
    }

    mutating func positiveDuration(_ node: SourceNode, what: String) -> DrillTime? {
        guard let value = duration(node, what: what) else { return nil }
        guard value > .zero else {
            diagnostics.error(node.location, "'\(what)' must be longer than 0s")
            return nil
        }
        return value
    }

    mutating func number(_ node: SourceNode, what: String) -> Double? {
        guard let scalar = node.scalar, scalar.type == .int || scalar.type == .float else {
            diagnostics.error(node.location, "'\(what)' must be a number such as 1 or 2.5; found \(node.kindDescription)")
            return nil
        }
        guard let value = Double(scalar.text), value.isFinite, abs(value) < 1e15 else {
            diagnostics.error(node.location, "'\(what)' value \(scalarText(node)) is not a usable number; write a plain number such as 1 or 2.5")
            return nil
        }
        return value
    }

    /// A scalar's text, shortened for messages.
    func scalarText(_ node: SourceNode) -> String {
        let text = node.scalar?.text ?? ""
        return text.count > 24 ? String(text.prefix(24)) + "…" : text
    }

    func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    static func format(_ time: DrillTime) -> String {
        let seconds = time.milliseconds / 1000
        var parts: [String] = []
        if seconds >= 3600 { parts.append("\(seconds / 3600)h") }
        if seconds % 3600 >= 60 { parts.append("\((seconds % 3600) / 60)m") }
        if seconds % 60 != 0 || parts.isEmpty { parts.append("\(seconds % 60)s") }
        return parts.joined()
    }
}

extension String {
    var trimmingWhitespace: String {
        Substring(self).trimmingWhitespace
    }
}
