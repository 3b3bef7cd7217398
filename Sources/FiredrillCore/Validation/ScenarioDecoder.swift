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
        "roles", "injects", "objectives", "survey", "quiz",
    ]
    static let roleKeys = ["id", "name", "department", "persona", "responsibilities"]
    static let personaKeys = ["channels", "delay", "reply"]
    static let injectKeys = ["id", "to", "channel", "subject", "body", "from", "at", "when", "delay", "if", "expect", "notes"]
    static let objectiveKeys = ["id", "name", "kind", "by", "from", "target", "limit", "weight", "to", "via", "match", "controls", "expect"]
    static let surveyKeys = ["question", "kind"]
    static let quizKeys = ["id", "question", "choices", "answer", "explanation"]

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
                diagnostics.error(node.location, .languageTag, ["tag": .verbatim(tag)])
            }
        }
        let tags = top["tags"].flatMap { textList($0, what: "tags") } ?? []
        let duration = top["duration"].flatMap { positiveDuration($0, what: "duration") }
        if let node = top["channels"], let list = slugList(node, what: "channels", maximum: limits.maximumChannels) {
            if list.isEmpty {
                diagnostics.error(node.location, .channelsEmpty)
            } else {
                channels = list
            }
        }
        let survey = top["survey"].flatMap { surveyQuestions($0) } ?? []
        let quiz = top["quiz"].flatMap { quizQuestions($0) } ?? []

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
            diagnostics.error(rolesNode.location, .nobodyPlays)
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
            survey: survey, quiz: quiz
        )
    }

    /// The knowledge check: `{id, question, choices, answer, explanation?}` items, `answer`
    /// the number of the correct choice from 0, or a list of them.
    mutating func quizQuestions(_ node: SourceNode) -> [QuizQuestion]? {
        guard case .sequence(let items) = node.value else {
            diagnostics.error(node.location, .notAList, ["what": "quiz", "found": .name(node.kindDescription), "example": .none])
            return nil
        }
        if items.count > limits.maximumQuizQuestions {
            diagnostics.error(node.location, .tooManyEntries, ["what": "quiz", "count": .verbatim("\(items.count)"), "maximum": .verbatim("\(limits.maximumQuizQuestions)")])
            return nil
        }
        var questions: [QuizQuestion] = []
        var seen: [String: Int] = [:]
        var valid = true
        for item in items {
            guard let map = fields(of: item, what: "a quiz question", allowed: Self.quizKeys, required: ["id", "question", "choices", "answer"]) else {
                valid = false
                continue
            }
            let id = map["id"].flatMap { slug($0, what: "quiz question id") }
            if let id, let idNode = map["id"] {
                if let line = seen[id] {
                    diagnostics.error(idNode.location, .duplicateID, ["what": "quiz question", "id": .verbatim(id), "line": .verbatim("\(line)")])
                    valid = false
                } else {
                    seen[id] = idNode.location.line
                }
            }
            let question = map["question"].flatMap { text($0, what: "question", oneLine: false) }
            let choices = map["choices"].flatMap { node in
                list(node, what: "choices", maximum: limits.maximumQuizChoices) { decoder, item in decoder.text(item, what: "a choice", oneLine: false) }
            }
            if let choices, choices.count < 2, let node = map["choices"] {
                diagnostics.error(node.location, .quizTooFewChoices, ["count": .verbatim("\(choices.count)")])
                valid = false
            }
            let answers = map["answer"].flatMap { quizAnswers($0, choices: choices?.count) }
            let explanation = map["explanation"].flatMap { text($0, what: "explanation", oneLine: false) }
            if map["explanation"] != nil, explanation == nil { valid = false }
            guard let id, let question, let choices, choices.count >= 2, let answers else { valid = false; continue }
            questions.append(QuizQuestion(id: id, question: question, choices: choices, answers: answers, explanation: explanation))
        }
        return valid ? questions : nil
    }

    /// `answer`: a choice's number from 0, or a non-empty list of them, each a choice there is.
    mutating func quizAnswers(_ node: SourceNode, choices: Int?) -> [Int]? {
        let items: [SourceNode]
        if case .sequence(let list) = node.value {
            guard !list.isEmpty else {
                diagnostics.error(node.location, .listEmpty, ["what": "answer"])
                return nil
            }
            items = list
        } else {
            items = [node]
        }
        var answers: [Int] = []
        for item in items {
            guard let scalar = item.scalar, scalar.type == .int, let index = Int(scalar.text), index >= 0 else {
                diagnostics.error(item.location, .quizAnswerNotIndex, ["found": .verbatim(String((item.scalar?.text ?? "").prefix(40)))])
                return nil
            }
            if let choices, index >= choices {
                diagnostics.error(item.location, .quizAnswerOutOfRange, ["index": .verbatim("\(index)"), "last": .verbatim("\(max(0, choices - 1))")])
                return nil
            }
            guard !answers.contains(index) else {
                diagnostics.error(item.location, .appearsTwice, ["value": .verbatim("\(index)"), "what": "answer"])
                return nil
            }
            answers.append(index)
        }
        return answers.sorted()
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
                        diagnostics.error(kindNode.location, .unknownSurveyKind, ["word": .verbatim(word), "hint": ValidationMessage.hint(for: word, among: kinds)])
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
            diagnostics.error(node.location, .versionNotNumber, ["found": .name(node.kindDescription)])
            return
        }
        switch scalar.type {
        case .int where scalar.text == "1":
            break
        case .int, .float:
            diagnostics.error(node.location, .unsupportedVersion, ["version": .verbatim(scalar.text)])
        default:
            diagnostics.error(node.location, .versionQuoted, ["found": .name(node.kindDescription), "value": .verbatim(scalar.text)])
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

    mutating func reportDuplicateIDs(_ nodes: [SourceNode], what: ValidationMessage.Value) {
        var first: [String: SourceLocation] = [:]
        for node in nodes {
            guard let id = peekID(node) else { continue }
            if let earlier = first[id] {
                diagnostics.error(node.location, .duplicateID, ["what": what, "id": .verbatim(String(id.prefix(64))), "line": .verbatim("\(earlier.line)")])
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
        var responsibilities: [String] = []
        var cardValid = true
        if let cardNode = map["responsibilities"] {
            let card = list(cardNode, what: "responsibilities", maximum: limits.maximumResponsibilities) { decoder, item in
                decoder.text(item, what: "a responsibility", oneLine: true)
            }
            responsibilities = card ?? []
            cardValid = card != nil
        }
        var persona: Persona? = nil
        var personaValid = true
        if let personaNode = map["persona"] {
            persona = decodePersona(personaNode)
            personaValid = persona != nil
        }
        guard let id, let name, personaValid, cardValid else { return nil }
        return Role(id: id, name: name, department: department, persona: persona, responsibilities: responsibilities)
    }

    mutating func decodePersona(_ node: SourceNode) -> Persona? {
        guard let map = fields(of: node, what: "persona", allowed: Self.personaKeys, required: []) else { return nil }
        var valid = true
        var accepted: [String]? = nil
        if let channelsNode = map["channels"] {
            if let list = channelList(channelsNode, what: "persona channels") {
                if list.isEmpty {
                    diagnostics.error(channelsNode.location, .personaChannelsEmpty)
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
            diagnostics.error(node.location, .needsTrigger, ["id": .verbatim(id ?? "?")])
            if let delayNode = map["delay"] {
                diagnostics.error(delayNode.location, .delayOnlyWithWhen)
            }
        case (let atNode?, let whenNode?):
            diagnostics.error(whenNode.location, .bothAtAndWhen, ["id": .verbatim(id ?? "?"), "line": .verbatim("\(atNode.location.line)")])
        case (let atNode?, nil):
            if let delayNode = map["delay"] {
                diagnostics.error(delayNode.location, .delayWithAt)
                valid = false
            }
            if let at = self.duration(atNode, what: "at") {
                if let duration, at > duration {
                    diagnostics.error(atNode.location, .atAfterEnd, ["at": .duration(at), "duration": .duration(duration)])
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
            let hint = roleIDs.contains(scalar.text) ? .message(ValidationMessage(.toOneRoleHint, ["id": .verbatim(scalar.text)])) : ValidationMessage.Value.none
            diagnostics.error(node.location, .toNotAllOrList, ["value": .verbatim(scalar.text), "hint": hint])
            return nil
        }
        guard let list = slugList(node, what: "to", maximum: limits.maximumListItems) else { return nil }
        if list.isEmpty {
            diagnostics.error(node.location, .toEmpty)
            return nil
        }
        var valid = true
        if case .sequence(let items) = node.value {
            for (item, id) in zip(items, list) where !roleIDs.contains(id) {
                diagnostics.error(item.location, .unknownRole, ["id": .verbatim(id), "hint": ValidationMessage.hint(for: id, among: roleIDs.sorted())])
                valid = false
            }
        }
        if valid, list.allSatisfy({ personaRoleIDs.contains($0) }) {
            diagnostics.warning(node.location, .onlySimulatedRecipients)
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
                let byCommand = ActionKind(command: word).map { ValidationMessage.didYouMean($0.rawValue) }
                diagnostics.error(kindNode.location, .unknownObjectiveKind, [
                    "word": .verbatim(word), "hint": byCommand ?? ValidationMessage.hint(for: word, among: all), "kinds": .list(all),
                ])
            }
        }
        var by: [String]? = nil
        if let byNode = map["by"] {
            if let list = roleReferences(byNode, what: "by") {
                if list.isEmpty {
                    diagnostics.error(byNode.location, .byEmpty)
                    valid = false
                } else if case .sequence(let items) = byNode.value {
                    for (item, role) in zip(items, list) where personaRoleIDs.contains(role) {
                        diagnostics.error(item.location, .simulatedBy, ["role": .verbatim(role)])
                        valid = false
                    }
                }
                by = list
            } else { valid = false }
        }
        var from: String? = nil
        if let fromNode = map["from"], let injectID = text(fromNode, what: "objective from", oneLine: true) {
            if injectIDs.contains(injectID) { from = injectID } else {
                diagnostics.error(fromNode.location, .unknownInjectIn, [
                    "id": .verbatim(injectID), "what": "objective from", "hint": ValidationMessage.hint(for: injectID, among: injectIDs.sorted()),
                ])
                valid = false
            }
        } else if map["from"] != nil { valid = false }

        let target = map["target"].flatMap { self.duration($0, what: "target") }
        var limit: DrillTime? = nil
        if let limitNode = map["limit"] {
            limit = self.duration(limitNode, what: "limit")
            if let limit, let target, limit <= target {
                diagnostics.error(limitNode.location, .limitNotAfterTarget, ["limit": .duration(limit), "target": .duration(target)])
                valid = false
            } else if limit == nil { valid = false }
        } else if let target, target == .zero, let targetNode = map["target"] {
            diagnostics.error(targetNode.location, .zeroTargetNeedsLimit)
            valid = false
        }
        if let target, let duration, target > duration, let targetNode = map["target"] {
            diagnostics.warning(targetNode.location, .targetBeyondDrill, ["target": .duration(target), "duration": .duration(duration)])
        }

        var weight = 1.0
        if let weightNode = map["weight"] {
            if let value = number(weightNode, what: "weight") {
                if value < 0 {
                    diagnostics.error(weightNode.location, .weightNegative)
                    valid = false
                } else if value > limits.maximumWeight {
                    diagnostics.error(weightNode.location, .weightTooLarge, ["weight": .verbatim(scalarText(weightNode)), "maximum": .verbatim("\(Int(limits.maximumWeight))")])
                    valid = false
                } else { weight = value }
            } else { valid = false }
        }

        var escalateTo: String? = nil
        var via: [String]? = nil
        if let toNode = map["to"] {
            if kind != nil, kind != .escalate {
                diagnostics.error(toNode.location, .onlyForEscalate, ["what": "to"])
                valid = false
            } else if let roleID = text(toNode, what: "to", oneLine: true) {
                if roleIDs.contains(roleID) { escalateTo = roleID } else {
                    diagnostics.error(toNode.location, .unknownRoleIn, ["id": .verbatim(roleID), "what": "to", "hint": ValidationMessage.hint(for: roleID, among: roleIDs.sorted())])
                    valid = false
                }
            } else { valid = false }
        } else if kind == .escalate {
            diagnostics.error(node.location, .escalateNeedsTo, ["id": .verbatim(id ?? "?")])
            valid = false
        }
        if let viaNode = map["via"] {
            if kind != nil, kind != .escalate {
                diagnostics.error(viaNode.location, .onlyForEscalate, ["what": "via"])
                valid = false
            } else if let list = channelList(viaNode, what: "via") {
                if list.isEmpty {
                    diagnostics.error(viaNode.location, .viaEmpty)
                    valid = false
                }
                via = list
            } else { valid = false }
        }
        var match: [String] = []
        if let matchNode = map["match"] {
            if let kind, kind == .acknowledge || kind == .escalate {
                diagnostics.error(matchNode.location, .matchNotApplicable, ["kind": .verbatim(kind.rawValue)])
                valid = false
            } else if let list = textList(matchNode, what: "match") {
                if list.isEmpty {
                    diagnostics.error(matchNode.location, .matchEmpty)
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
                        diagnostics.error(item.location, .unknownControl, [
                            "control": .verbatim(String(control.prefix(40))), "hint": ValidationMessage.hint(for: control, among: ControlCatalog.allIDs),
                        ])
                        valid = false
                    }
                } else if let control = list.first, !ControlCatalog.isKnown(control) {
                    diagnostics.error(controlsNode.location, .unknownControlShort, [
                        "control": .verbatim(String(control.prefix(40))), "hint": ValidationMessage.hint(for: control, among: ControlCatalog.allIDs),
                    ])
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

    mutating func condition(_ node: SourceNode, what: ValidationMessage.Value) -> Condition? {
        guard let source = text(node, what: what, oneLine: false) else { return nil }
        switch ConditionParser.parse(source) {
        case .failure(let error):
            var location = node.location
            if !source.contains("\n") {
                location.column += error.offset + (node.scalar?.isQuoted == true ? 1 : 0)
            }
            diagnostics.error(location, .conditionProblem, ["what": what, "problem": .message(error.problem)])
            return nil
        case .success(let condition):
            var valid = true
            for atom in condition.atoms {
                switch atom {
                case .met(let id) where !objectiveIDs.contains(id):
                    diagnostics.error(node.location, .unknownObjectiveInMet, [
                        "what": what, "id": .verbatim(id), "hint": ValidationMessage.hint(for: id, among: objectiveIDs.sorted()),
                    ])
                    valid = false
                case .delivered(let id) where !injectIDs.contains(id):
                    diagnostics.error(node.location, .unknownInjectInDelivered, [
                        "what": what, "id": .verbatim(id), "hint": ValidationMessage.hint(for: id, among: injectIDs.sorted()),
                    ])
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
                diagnostics.error(location, .waitsOnCycle, ["id": .verbatim(inject.id), "cycle": .verbatim(cycle.joined(separator: " → "))])
            } else {
                diagnostics.error(location, .blockedByCycle, ["id": .verbatim(inject.id), "blockers": .list(analysis.blockers(of: inject.id))])
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

    mutating func fields(of node: SourceNode, what: ValidationMessage.Value, allowed: [String], required: [String]) -> Fields? {
        guard case .mapping(let entries) = node.value else {
            diagnostics.error(node.location, .notAMapping, ["what": what, "keys": .list(Array(allowed.prefix(4))), "found": .name(node.kindDescription)])
            return nil
        }
        var values: [String: SourceNode] = [:]
        for entry in entries {
            guard let key = entry.key.scalar?.text, entry.key.scalar?.type != .null else {
                diagnostics.error(entry.key.location, .keyNotWord, ["found": .name(entry.key.kindDescription)])
                continue
            }
            guard allowed.contains(key) else {
                diagnostics.error(entry.key.location, .unknownKey, [
                    "key": .verbatim(key), "what": what, "hint": ValidationMessage.hint(for: key, among: allowed), "allowed": .list(allowed),
                ])
                continue
            }
            if let first = values[key] {
                diagnostics.error(entry.key.location, .duplicateKey, ["key": .verbatim(key), "line": .verbatim("\(first.location.line)")])
                continue
            }
            values[key] = entry.value
        }
        for key in required where values[key] == nil {
            diagnostics.error(node.location, .missingKey, ["what": what, "key": .verbatim(key)])
        }
        return Fields(values: values)
    }

    mutating func items(_ node: SourceNode, what: ValidationMessage.Value, maximum: Int) -> [SourceNode]? {
        guard case .sequence(let list) = node.value else {
            diagnostics.error(node.location, .notAList, ["what": what, "found": .name(node.kindDescription), "example": .none])
            return nil
        }
        if list.isEmpty {
            diagnostics.error(node.location, .listEmpty, ["what": what])
        }
        if list.count > maximum {
            // Reported once; the entries are still all read (the document's size is bounded
            // already), so that nothing past the limit turns into follow-on errors.
            diagnostics.error(node.location, .tooManyEntries, ["what": what, "count": .verbatim("\(list.count)"), "maximum": .verbatim("\(maximum)")])
        }
        return list
    }

    mutating func text(_ node: SourceNode, what: ValidationMessage.Value, oneLine: Bool) -> String? {
        guard let scalar = node.scalar else {
            diagnostics.error(node.location, .notText, ["what": what, "found": .name(node.kindDescription)])
            return nil
        }
        if scalar.type == .null {
            diagnostics.error(node.location, .noValue, ["what": what])
            return nil
        }
        let limit = oneLine ? limits.maximumLineLength : limits.maximumTextLength
        if scalar.text.unicodeScalars.count > limit {
            diagnostics.error(node.location, .tooLong, ["what": what, "length": .verbatim("\(scalar.text.count)"), "maximum": .verbatim("\(limit)")])
            return nil
        }
        if let bad = ControlCharacters.firstForbidden(in: scalar.text, allowingNewlines: true) {
            diagnostics.error(node.location, .controlCharacter, ["what": what, "character": .verbatim(bad.name), "offset": .verbatim("\(bad.offset)")])
            return nil
        }
        if oneLine {
            let trimmed = scalar.text.trimmingWhitespace
            if trimmed.contains(where: \.isNewline) {
                diagnostics.error(node.location, .notOneLine, ["what": what])
                return nil
            }
            if trimmed.isEmpty {
                diagnostics.error(node.location, .emptyText, ["what": what])
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

    mutating func slug(_ node: SourceNode, what: ValidationMessage.Value) -> String? {
        guard let scalar = node.scalar, scalar.type != .null else {
            diagnostics.error(node.location, .notSlugKind, ["what": what, "found": .name(node.kindDescription)])
            return nil
        }
        guard Self.isSlug(scalar.text) else {
            let suggestion = Self.slugified(scalar.text).map { ValidationMessage.Value.message(ValidationMessage(.slugSuggestion, ["slug": .verbatim($0)])) }
            diagnostics.error(node.location, .notSlug, ["what": what, "value": .verbatim(String(scalar.text.prefix(80))), "suggestion": suggestion ?? .none])
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
    mutating func scalarList(_ node: SourceNode, what: ValidationMessage.Value, maximum: Int) -> [SourceNode]? {
        if let scalar = node.scalar, scalar.type == .string, !scalar.text.isEmpty {
            return [node]
        }
        guard case .sequence(let items) = node.value else {
            let example = node.scalar.map { ValidationMessage.Value.message(ValidationMessage(.listExample, ["value": .verbatim(String($0.text.prefix(40)))])) }
            diagnostics.error(node.location, .notAList, ["what": what, "found": .name(node.kindDescription), "example": example ?? .none])
            return nil
        }
        if items.count > maximum {
            diagnostics.error(node.location, .tooManyEntries, ["what": what, "count": .verbatim("\(items.count)"), "maximum": .verbatim("\(maximum)")])
            return nil
        }
        return items
    }

    /// Each item of a list as `read` reads it; `nil` when the list or any item is not valid
    /// (every item is read all the same, so that each problem is reported).
    mutating func list<Item>(
        _ node: SourceNode, what: ValidationMessage.Value, maximum: Int, _ read: (inout Self, SourceNode) -> Item?
    ) -> [Item]? {
        guard let items = scalarList(node, what: what, maximum: maximum) else { return nil }
        var result: [Item] = []
        var valid = true
        for item in items {
            if let value = read(&self, item) { result.append(value) } else { valid = false }
        }
        return valid ? result : nil
    }

    mutating func textList(_ node: SourceNode, what: ValidationMessage.Value) -> [String]? {
        list(node, what: what, maximum: limits.maximumListItems) { decoder, item in decoder.text(item, what: what, oneLine: true) }
    }

    mutating func slugList(_ node: SourceNode, what: ValidationMessage.Value, maximum: Int) -> [String]? {
        var seen: Set<String> = []
        return list(node, what: what, maximum: maximum) { decoder, item in
            guard let value = decoder.slug(item, what: .message(ValidationMessage(.eachEntryOf, ["what": what]))) else { return nil }
            guard seen.insert(value).inserted else {
                decoder.diagnostics.error(item.location, .appearsTwice, ["value": .verbatim(value), "what": what])
                return nil
            }
            return value
        }
    }

    mutating func channelName(_ node: SourceNode, what: ValidationMessage.Value) -> String? {
        guard let name = text(node, what: what, oneLine: true) else { return nil }
        guard channels.contains(name) else {
            diagnostics.error(node.location, .unknownChannel, [
                "name": .verbatim(name), "hint": ValidationMessage.hint(for: name, among: channels), "channels": .list(channels),
            ])
            return nil
        }
        return name
    }

    mutating func channelList(_ node: SourceNode, what: ValidationMessage.Value) -> [String]? {
        list(node, what: what, maximum: limits.maximumChannels) { decoder, item in decoder.channelName(item, what: what) }
    }

    mutating func roleReferences(_ node: SourceNode, what: ValidationMessage.Value) -> [String]? {
        list(node, what: what, maximum: limits.maximumListItems) { decoder, item in
            guard let id = decoder.text(item, what: what, oneLine: true) else { return nil }
            guard decoder.roleIDs.contains(id) else {
                decoder.diagnostics.error(item.location, .unknownRoleIn, [
                    "id": .verbatim(id), "what": what, "hint": ValidationMessage.hint(for: id, among: decoder.roleIDs.sorted()),
                ])
                return nil
            }
            return id
        }
    }

    mutating func duration(_ node: SourceNode, what: ValidationMessage.Value) -> DrillTime? {
        guard let scalar = node.scalar, scalar.type == .int || scalar.type == .string else {
            diagnostics.error(node.location, .notDurationKind, ["what": what, "found": .name(node.kindDescription)])
            return nil
        }
        guard let value = DrillTime(durationText: scalar.text) else {
            diagnostics.error(node.location, .notDuration, ["what": what, "value": .verbatim(String(scalar.text.prefix(40)))])
            return nil
        }
        return value
    }

    mutating func positiveDuration(_ node: SourceNode, what: ValidationMessage.Value) -> DrillTime? {
        guard let value = duration(node, what: what) else { return nil }
        guard value > .zero else {
            diagnostics.error(node.location, .notPositive, ["what": what])
            return nil
        }
        return value
    }

    mutating func number(_ node: SourceNode, what: ValidationMessage.Value) -> Double? {
        guard let scalar = node.scalar, scalar.type == .int || scalar.type == .float else {
            diagnostics.error(node.location, .notNumberKind, ["what": what, "found": .name(node.kindDescription)])
            return nil
        }
        guard let value = Double(scalar.text), value.isFinite, abs(value) < 1e15 else {
            diagnostics.error(node.location, .unusableNumber, ["what": what, "value": .verbatim(scalarText(node))])
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
}

extension String {
    var trimmingWhitespace: String {
        Substring(self).trimmingWhitespace
    }
}
