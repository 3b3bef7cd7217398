import FiredrillCore
import FiredrillRecords
import FiredrillStore
import FiredrillWire
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// What the ISMS committee and the trainer work with after drills: the history of recorded
/// drills, trends, and the improvement plan (`/api/v1/history`, `/api/v1/trends`,
/// `/api/v1/actions…`), with the same records and checks as the command line. Server-scope
/// tokens for the committee and near-miss reporters are issued here too (`/api/v1/tokens`).
struct RecordsController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    static var staff: Set<String> { ["trainer", "committee"] }

    // MARK: History and trends

    /// Recorded drills, newest first, a page at a time (`limit`, default 100, at most 1,000; `offset`).
    @Sendable func history(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, Self.staff, doing: "read the history of drills")
        let query = request.uri.queryParameters
        let limit = try Self.number(query.get("limit"), name: "limit", in: 1...1_000) ?? 100
        let offset = try Self.number(query.get("offset"), name: "offset", in: 0...Int(Int32.max)) ?? 0
        let status = try query.get("status").map { text in
            guard let status = RunStatus(rawValue: text) else {
                throw APIError.badRequest("'status' is ready, running, finished or interrupted, not '\(text.prefix(20))'")
            }
            return status
        }
        let (since, until) = try Self.period(query)
        let filter = HistoryFilter(scenarioID: query.get("scenario"), since: since, until: until, status: status, limit: limit, offset: offset)
        var rows = try parts.database.history(filter: filter)
        for index in rows.indices {
            rows[index].status = StoredReport.displayStatus(rows[index].status, runID: rows[index].runID, databasePath: parts.database.location)
        }
        return JSONBody.response(rows.map(HistoryEntry.init))
    }

    /// Trends by scenario or department: the JSON of `firedrill trends --format json`.
    @Sendable func trends(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, Self.staff, doing: "read trends")
        let query = request.uri.queryParameters
        guard let grouping = TrendGroup.Grouping(rawValue: query.get("by") ?? "scenario") else {
            throw APIError.badRequest("'by' is scenario or department")
        }
        let includeIncomplete = try Self.flag(query.get("include_incomplete"), name: "include_incomplete")
        let (since, until) = try Self.period(query)
        let (groups, leftOut) = try TrendGroup.query(
            parts.database, by: grouping, scenarioID: query.get("scenario"), since: since, until: until,
            includeIncomplete: includeIncomplete
        )
        return JSONBody.response(TrendsDocument(by: grouping.rawValue, groups: groups, incompleteLeftOut: leftOut))
    }

    // MARK: Evidence

    /// The files `firedrill export` writes, as one ZIP: the runs named (`run`, repeatable),
    /// else those of a scenario and period (`scenario`, `since`, `until`), oldest first;
    /// reports in `lang` and local times in `tz`. The archive is built in a temporary file,
    /// one file at a time, and streamed from it, so memory holds one run at a time.
    @Sendable func export(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, Self.staff, doing: "download evidence")
        let query = request.uri.queryParameters
        let named = query.getAll("run")
        guard named.count <= 10_000 else { throw APIError.badRequest("at most 10,000 runs by 'run'; use a period instead") }
        let (since, until) = try Self.period(query)
        let timeZone: TimeZone
        if let zone = query.get("tz") {
            guard let known = TimeZone(identifier: zone) else {
                throw APIError.badRequest("'tz' is a time zone such as Asia/Tokyo or UTC, not '\(zone.prefix(40))'")
            }
            timeZone = known
        } else {
            timeZone = TimeZone(identifier: "UTC")!
        }
        let ids: [String] = named.isEmpty
            ? try parts.database.history(filter: HistoryFilter(scenarioID: query.get("scenario"), since: since, until: until)).map(\.runID).reversed()
            : try named.map { try Self.run($0, in: parts.database).id }
        guard !ids.isEmpty else { throw APIError(.notFound, "no_runs", "no recorded runs match; widen the period or name runs") }
        let export = EvidenceExport(language: Self.language(request), timeZone: timeZone, byteOrderMark: try Self.flag(query.get("bom"), name: "bom"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-export-\(UUID().uuidString).zip")
        let database = parts.database
        do {
            // Rendering a thousand reports is seconds of work: off the request's executor.
            try await NIOThreadPool.singleton.runIfActive {
                let sink = try ZIPEvidenceSink(url: url)
                _ = try export.write(ids, from: database, to: sink)
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error is StoreError ? error : APIError(.serviceUnavailable, "export_failed", "the export could not be written (\(error)); nothing was sent")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        let name = "firedrill-evidence-\(Timestamp.day(of: Date(), in: timeZone)).zip"
        return Response(
            status: .ok,
            headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: ResponseBody(contentLength: size) { writer in
                defer { try? FileManager.default.removeItem(at: url) }
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
        )
    }

    // MARK: The improvement plan

    @Sendable func actions(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, Self.staff, doing: "read the improvement plan")
        let query = request.uri.queryParameters
        let overdue = try Self.flag(query.get("overdue"), name: "overdue")
        let open = try Self.flag(query.get("open"), name: "open") || overdue
        let runID = try query.get("run").map { try Self.run($0, in: parts.database).id }
        return JSONBody.response(try parts.database.correctiveActions(runID: runID, openOnly: open, overdueAsOf: overdue ? Date() : nil, timeZone: .current))
    }

    /// Adds an item to a run's improvement plan; the wording warnings come back with it (a
    /// person decides; nothing is refused for its wording).
    @Sendable func addAction(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, Self.staff, doing: "add to the improvement plan")
        let body = try await JSONBody.decode(NewCorrectiveActionRequest.self, from: request)
        let run = try Self.run(body.run, in: parts.database)
        let warnings = try WordingWarning.review(
            ["issue": body.issue, "corrective_action": body.correctiveAction, "responsible_role": body.responsibleRole],
            run: run, in: parts.database, language: Self.language(request)
        )
        let strength = StrengthAdvice(field: "corrective_action", text: body.correctiveAction, language: Self.language(request, run: run))
        if try Self.flag(request.uri.queryParameters.get("dry_run"), name: "dry_run") {
            return JSONBody.response(ActionResponse(id: nil, action: nil, warnings: warnings, strength: [strength]))
        }
        let plan = try PlannedAction(
            objectiveID: body.objective, issue: body.issue, correctiveAction: body.correctiveAction, capability: body.capability,
            responsibleOrg: body.responsibleOrg, responsibleRole: body.responsibleRole, startDate: body.startDate, dueDate: body.dueDate
        )
        let id = try Self.invalidInput { try parts.database.addCorrectiveAction(runID: run.id, plan: plan, createdAt: Date()) }
        let action = try parts.database.correctiveActions(runID: run.id).first { $0.id == id }
        return JSONBody.response(ActionResponse(id: id, action: action, warnings: warnings, strength: [strength]), status: .created)
    }

    @Sendable func closeAction(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, Self.staff, doing: "close items of the improvement plan")
        guard let raw = context.parameters.get("id"), raw.utf8.count <= 18, let id = Int64(raw), id > 0 else {
            throw APIError.badRequest("the corrective action's number is a whole number from 1")
        }
        let body = try await JSONBody.decode(CloseCorrectiveActionRequest.self, from: request)
        guard let existing = try parts.database.correctiveActions().first(where: { $0.id == id }) else {
            throw APIError(.notFound, "action_not_found", "there is no corrective action \(id) (GET /api/v1/actions lists them)")
        }
        let run = try parts.database.run(id: existing.runID)
        let warnings = try WordingWarning.review(["evidence": body.evidence], run: run, in: parts.database, language: Self.language(request))
        let strength = StrengthAdvice(field: "evidence", text: body.evidence, language: Self.language(request, run: run))
        if try Self.flag(request.uri.queryParameters.get("dry_run"), name: "dry_run") {
            return JSONBody.response(ActionResponse(id: id, action: existing, warnings: warnings, strength: [strength]))
        }
        let closed = try Self.invalidInput { try parts.database.closeCorrectiveAction(id: id, evidence: body.evidence, at: Date()) }
        return JSONBody.response(ActionResponse(id: id, action: closed, warnings: warnings, strength: [strength]))
    }

    // MARK: Server-scope tokens

    @Sendable func issueToken(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "issue server tokens")
        let body = try await JSONBody.decode(ServerTokenRequest.self, from: request)
        guard let kind = ServerToken.Kind(rawValue: body.kind) else {
            throw APIError.invalid("invalid_kind", "a server token is 'committee' or 'reporter' (drill tokens: POST /api/v1/drills/{id}/tokens)")
        }
        let name = (body.name ?? (kind == .committee ? "ISMS committee" : "near-miss reporter")).trimmingCharacters(in: .whitespacesAndNewlines)
        let problems = TextField.problems(name, field: "name", oneLine: true, required: true, limits: .default)
        guard problems.isEmpty else { throw APIError.invalid("invalid_name", problems.joined(separator: "; ")) }
        let (token, secret) = try parts.database.makeServerToken(kind: kind, name: name, createdAt: Date())
        parts.tokens.add(token)
        return JSONBody.response(
            NewServerTokenResponse(id: token.id, kind: kind.rawValue, name: token.name, token: secret, link: parts.link(for: secret)),
            status: .created
        )
    }

    @Sendable func listTokens(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "list server tokens")
        return JSONBody.response(["tokens": try parts.database.serverTokens().map(ServerTokenDocument.init)])
    }

    @Sendable func revokeToken(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "revoke server tokens")
        let id = try context.parameters.require("id")
        guard try parts.database.serverTokens().contains(where: { $0.id == id }) else {
            throw APIError(.notFound, "token_not_found", "there is no server token '\(id.prefix(40))' (drill tokens: DELETE /api/v1/drills/{id}/tokens/{token})")
        }
        let revoked = try parts.database.revokeServerToken(id: id, at: Date())
        parts.tokens.update(revoked)
        return JSONBody.response(ServerTokenDocument(revoked))
    }

    // MARK: Reading the query

    static func number(_ text: String?, name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard text.utf8.count <= 10, let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("'\(name)' is a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func flag(_ text: String?, name: String) throws -> Bool {
        switch text {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        default: throw APIError.badRequest("'\(name)' is true or false")
        }
    }

    /// `since` and `until` as days (`yyyy-MM-dd`, UTC): from the start of `since` to the end of `until`.
    static func period(_ query: Parameters) throws -> (Date?, Date?) {
        func day(_ name: String) throws -> Date? {
            guard let text = query.get(name) else { return nil }
            guard Timestamp.isValidDay(text), let date = Timestamp.date(from: "\(text)T00:00:00.000Z") else {
                throw APIError.badRequest("'\(name)' is a day written yyyy-MM-dd, not '\(text.prefix(20))'")
            }
            return date
        }
        return (try day("since"), try day("until").map { $0.addingTimeInterval(86_400) })
    }

    static func run(_ id: String, in database: any DrillStore) throws -> StoredRun {
        do {
            return try database.run(id: id)
        } catch let error as StoreError where error.code == .runNotFound || error.code == .ambiguousRunID {
            throw APIError.invalid("unknown_run", error.message)
        }
    }

    /// Store refusals of bad input (a capability, a date, an objective) as 422 with the store's message.
    /// The store's refusal of what was asked (a value it does not take) as a 422 with `code`.
    static func invalidInput<T>(code: String = "invalid_action", _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as StoreError where error.code == .invalidInput || error.code == .correctiveActionNotFound {
            throw APIError.invalid(code, error.message)
        }
    }

    static func language(_ request: Request) -> Language? {
        request.uri.queryParameters.get("lang").map { Language(tag: $0) }
    }

    /// `?lang=`, else the language of the run's scenario.
    static func language(_ request: Request, run: StoredRun) -> Language {
        language(request) ?? (try? StoredReport.scenario(of: run)).map { Language(tag: $0.language) } ?? .english
    }
}

/// An item of the improvement plan after a change (or, with `?dry_run=true`, before it: `id`
/// and `action` as they are, nothing saved), with the wording warnings and the strength of
/// what was written.
struct ActionResponse: Encodable {
    var id: Int64?
    var action: CorrectiveAction?
    var warnings: [WordingWarning]
    var strength: [StrengthAdvice]
}

/// The strength of a text of the improvement plan (``FiredrillCore/ActionStrength``), worded
/// for the person who wrote it.
struct StrengthAdvice: Encodable {
    var field: String
    var strength: ActionStrength
    var label: String
    var why: String
    var suggestion: String?

    init(field: String, text: String, language: Language) {
        self.field = field
        strength = ActionStrength.of(text)
        label = strength.label(in: language)
        why = strength.why(in: language)
        suggestion = strength.suggestion(in: language)
    }
}

extension ServerTokenDocument {
    init(_ token: ServerToken) {
        self.init(id: token.id, kind: token.kind.rawValue, name: token.name, createdAt: token.createdAt, revokedAt: token.revokedAt)
    }
}
