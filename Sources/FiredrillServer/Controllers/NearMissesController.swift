import FiredrillCore
import FiredrillRecords
import FiredrillStore
import FiredrillWire
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The near-miss register (`/api/v1/near-misses…`): anyone with a `reporter` link (or the
/// trainer, or the committee) submits; the trainer and the committee read the register
/// ranked by priority, the backlog of tags and the monthly digest, and mark the month's most
/// valuable near miss. Ranking is ``FiredrillCore/NearMissRegister``; the checks of a
/// submission are the core's.
struct NearMissesController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>
    let limiter: SubmissionLimiter

    static var submitters: Set<String> { ["trainer", "committee", "reporter"] }

    /// Records a near miss. An anonymous one keeps nothing of who sent it: no name, no token,
    /// no address, no time of day. Submissions are limited per token and per address (kept
    /// only in memory, as a salted hash, for the limit's window).
    @Sendable func submit(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let caller = try parts.require(context, Self.submitters, doing: "report near misses")
        let body = try await JSONBody.decode(NearMissRequest.self, from: request, limit: 64 * 1024)
        let today = Self.today()
        let submission = try body.validated(today: today)
        let tokenKey: String = switch caller {
        case .trainer: "trainer"
        case .server(let token): "token:" + token.id
        case .token(let token): "token:" + token.id
        }
        if let wait = limiter.admit(keys: [tokenKey] + (Self.address(context).map { ["address:" + $0] } ?? [])) {
            throw APIError(.tooManyRequests, "too_many_reports",
                           "too many near misses from this link or address just now; try again in \(wait) seconds")
        }
        let entry = try RecordsController<C>.invalidInput(code: "invalid_near_miss") {
            try parts.database.addNearMiss(submission, reportedOn: today.description)
        }
        return JSONBody.response(SubmittedNearMiss(id: entry.id, anonymous: entry.name == nil, reportedOn: entry.reportedOn), status: .created)
    }

    /// The register, highest priority first (`limit`, default 500, at most 5,000; `offset`;
    /// `tag`; `month` of report).
    @Sendable func list(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, RecordsController<C>.staff, doing: "read the near-miss register")
        let query = request.uri.queryParameters
        let limit = try RecordsController<C>.number(query.get("limit"), name: "limit", in: 1...5_000) ?? 500
        let offset = try RecordsController<C>.number(query.get("offset"), name: "offset", in: 0...10_000_000) ?? 0
        let month = try query.get("month").map(Self.month)
        let tag = query.get("tag")
        let register = try NearMissRecords.register(parts.database, today: Self.today())
        let pickedMonth = try NearMissRecords.pickedMonths(parts.database)
        let matching = register.ranked(month: month, tag: tag)
        let page = try NearMissRecords.whole(matching.dropFirst(offset).prefix(limit), in: parts.database)
            .map { NearMissEntry($0, mostValuableOf: pickedMonth[$0.entry.id]) }
        return JSONBody.response(NearMissList(nearMisses: Array(page), total: matching.count, limit: limit, offset: offset))
    }

    @Sendable func backlog(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, RecordsController<C>.staff, doing: "read the near-miss backlog")
        let register = try NearMissRecords.register(parts.database, today: Self.today())
        return JSONBody.response(NearMissBacklog(backlog: try NearMissRecords.backlog(register, in: parts.database)))
    }

    /// The near misses reported in `month` (default: this month).
    @Sendable func digest(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, RecordsController<C>.staff, doing: "read the near-miss digest")
        let month = try request.uri.queryParameters.get("month").map(Self.month) ?? Self.today().month
        return JSONBody.response(try digest(month))
    }

    /// Marks (or, with `null`, unmarks) the month's most valuable near miss.
    @Sendable func pick(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, RecordsController<C>.staff, doing: "mark the most valuable near miss")
        let month = try Self.month(try context.parameters.require("month"))
        let body = try await JSONBody.decode(MostValuableRequest.self, from: request, limit: 4096)
        if let id = body.mostValuable {
            guard let entry = try parts.database.nearMisses().first(where: { $0.id == id }) else {
                throw APIError.invalid("unknown_near_miss", "there is no near miss \(id)")
            }
            guard entry.reportedOn.hasPrefix(month) else {
                throw APIError.invalid("unknown_near_miss", "near miss \(id) was reported in \(entry.reportedOn.prefix(7)), not in \(month)")
            }
        }
        try parts.database.pickMostValuableNearMiss(month: month, id: body.mostValuable, at: Date())
        return JSONBody.response(try digest(month))
    }

    func digest(_ month: String) throws -> NearMissDigest {
        try NearMissDigest(month: month, register: try NearMissRecords.register(parts.database, today: Self.today()),
                           picks: try parts.database.mostValuableNearMisses(), database: parts.database)
    }

    // MARK: Helpers

    /// Today on the server's calendar (its time zone).
    static func today() -> CalendarDay {
        CalendarDay.today
    }

    static func month(_ text: String) throws -> String {
        guard CalendarDay.isMonth(text) else { throw APIError.badRequest("'month' is written yyyy-MM, for example 2026-12") }
        return text
    }

    /// The caller's IP address (without port), for the per-address limit only.
    static func address(_ context: FiredrillRequestContext) -> String? {
        context.channel.remoteAddress?.ipAddress
    }
}

/// What a reporter gets back: the entry's number, and whether it was kept anonymous.
struct SubmittedNearMiss: Encodable {
    var id: Int64
    var anonymous: Bool
    var reportedOn: String
    enum CodingKeys: String, CodingKey { case id, anonymous, reportedOn = "reported_on" }
}

struct NearMissList: Encodable {
    var nearMisses: [NearMissEntry]
    var total: Int
    var limit: Int
    var offset: Int
    enum CodingKeys: String, CodingKey { case nearMisses = "near_misses", total, limit, offset }
}

struct NearMissBacklog: Encodable {
    var backlog: [BacklogTag]
}
