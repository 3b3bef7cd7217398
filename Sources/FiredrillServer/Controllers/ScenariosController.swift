import FiredrillCore
import FiredrillWire
import FiredrillSpreadsheets
import FiredrillYAML
import Foundation
import Hummingbird

/// The scenario library: listing, checking, saving versions, reading and comparing them,
/// and downloading one (`/api/v1/scenarios…`). Trainers only.
struct ScenariosController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    var library: ScenarioLibrary { ScenarioLibrary(database: parts.database) }

    @Sendable func list(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "list the scenarios")
        return JSONBody.response(ScenarioList(scenarios: try library.list()))
    }

    @Sendable func validate(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "validate scenarios")
        let language = try Self.problemLanguage(request)
        let body = try await JSONBody.decode(ValidateRequest.self, from: request, limit: DrillsController<C>.uploadLimit)
        let loaded = ScenarioLoader().load(data: Data(body.source.utf8), path: "upload")
        return JSONBody.response(ValidateResponse(
            valid: loaded.scenario != nil, problems: loaded.formattedDiagnostics(in: language),
            scenarioID: loaded.scenario?.id, title: loaded.scenario?.title
        ))
    }

    @Sendable func convert(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "convert scenarios")
        let body = try await JSONBody.decode(ConvertScenarioRequest.self, from: request, limit: DrillsController<C>.uploadLimit)
        guard let format = ScenarioTextConversion.Format(rawValue: body.to) else {
            throw APIError.invalid("invalid_format", "'to' is 'json' or 'yaml', not '\(body.to.prefix(20))'")
        }
        do {
            return JSONBody.response(ConvertScenarioResponse(source: try parts.conversions.convert(body.source, to: format)))
        } catch {
            throw APIError.invalid("not_convertible", error.description)
        }
    }

    @Sendable func create(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "save scenarios")
        let language = try Self.problemLanguage(request)
        let body = try await JSONBody.decode(SaveScenarioRequest.self, from: request, limit: DrillsController<C>.uploadLimit)
        let saved = try library.save(source: body.source, id: nil, baseVersion: nil, at: Date(), language: language)
        parts.conversions.prepare(body.source, .json)
        return JSONBody.response(saved, status: .created)
    }

    @Sendable func update(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "save scenarios")
        let id = try context.parameters.require("id")
        let language = try Self.problemLanguage(request)
        let body = try await JSONBody.decode(SaveScenarioRequest.self, from: request, limit: DrillsController<C>.uploadLimit)
        let saved = try library.save(source: body.source, id: id, baseVersion: body.baseVersion, at: Date(), language: language)
        parts.conversions.prepare(body.source, .json)
        return JSONBody.response(saved)
    }

    @Sendable func show(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "read the library's scenarios")
        return JSONBody.response(try library.document(try context.parameters.require("id"), version: nil))
    }

    @Sendable func showVersion(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "read the library's scenarios")
        let version = try Self.version(context.parameters.get("version"), name: "the version in the path")
        return JSONBody.response(try library.document(try context.parameters.require("id"), version: version))
    }

    @Sendable func diff(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "compare the library's scenarios")
        let id = try context.parameters.require("id")
        let query = request.uri.queryParameters
        let to = try query.get("to").map { try Self.version(String($0), name: "'to'") } ?? library.document(id, version: nil).version
        let from = try query.get("from").map { try Self.version(String($0), name: "'from'") } ?? max(1, to - 1)
        return JSONBody.response(try library.diff(id, from: from, to: to))
    }

    /// The source of a version as a file to download (`?version=N`, else the latest).
    @Sendable func source(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "download the library's scenarios")
        let version = try request.uri.queryParameters.get("version").map { try Self.version(String($0), name: "'version'") }
        let document = try library.document(try context.parameters.require("id"), version: version)
        let json = document.source.first { !$0.isWhitespace } == "{"
        var response = JSONBody.text(document.source, contentType: json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"\(document.id)-v\(document.version).\(json ? "json" : "yaml")\""
        return response
    }

    /// The language of a scenario's problems (`?lang=en` or `ja`; English without it).
    static func problemLanguage(_ request: Request) throws -> Language {
        guard let tag = request.uri.queryParameters.get("lang") else { return .english }
        guard let language = Language(rawValue: tag) else {
            throw APIError.badRequest("'lang' is en or ja, not '\(tag.prefix(20))'")
        }
        return language
    }

    /// Spreadsheets may be larger than scenario text: a workbook of thousands of injects.
    static var spreadsheetLimit: Int { 16 * 1_048_576 }

    /// A spreadsheet (an MSEL workbook or CSV file, as the body) to scenario text, with every
    /// problem at its cell (in `?lang=en|ja`, English by default); nothing is saved until the
    /// trainer saves the text.
    @Sendable func importSpreadsheet(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "import spreadsheets")
        let language = try Self.problemLanguage(request)
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let format: SpreadsheetFormat
        switch type {
        case "text/csv", "text/tab-separated-values", "text/plain": format = .csv
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel.sheet.macroenabled.12": format = .xlsx
        default:
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "send the spreadsheet as the body with Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        let name = request.uri.queryParameters.get("name").map { String($0.suffix(120)).filter { !$0.isNewline && $0 != "/" } }
            ?? "upload.\(format.rawValue)"
        let file = SpreadsheetFormat(fileName: name) == format ? name : name + ".\(format.rawValue)"
        let buffer = try await JSONBody.bytes(request, limit: Self.spreadsheetLimit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request needs the spreadsheet as its body") }
        let result = MSELImport.read(Data(buffer.readableBytesView), fileName: file, language: language)
        return JSONBody.response(ImportedSpreadsheet(
            valid: !result.hasErrors && result.yaml != nil, source: result.hasErrors ? nil : result.yaml, problems: result.formattedProblems(in: language)
        ))
    }

    /// A version of a scenario as a spreadsheet (`?format=xlsx|csv`, `?lang=en|ja`, `?version=N`).
    @Sendable func exportSpreadsheet(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "export the library's scenarios")
        let query = request.uri.queryParameters
        guard let format = SpreadsheetFormat(rawValue: query.get("format") ?? "xlsx") else {
            throw APIError.badRequest("'format' is xlsx or csv")
        }
        let language: Language? = try query.get("lang").map { tag in
            guard tag == "en" || tag == "ja" else { throw APIError.badRequest("'lang' is en or ja") }
            return Language(tag: tag)
        }
        let version = try query.get("version").map { try Self.version($0, name: "'version'") }
        let document = try library.document(try context.parameters.require("id"), version: version)
        guard let scenario = ScenarioLoader().load(data: Data(document.source.utf8), path: "library").scenario else {
            throw APIError.invalid("invalid_scenario", "version \(document.version) of '\(document.id)' no longer validates; open it in the editor and save it again")
        }
        let output: MSELExport.Output
        do {
            output = try MSELExport.write(scenario, format: format, language: language)
        } catch {
            throw APIError.invalid("not_exportable", error.description)
        }
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        var response = Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: output.data))
        )
        response.headers[.contentDisposition] = "attachment; filename=\"\(document.id)-v\(document.version).\(format.rawValue)\""
        return response
    }

    /// A version number from the path or query: a whole number from 1.
    static func version(_ text: String?, name: String) throws -> Int {
        guard let text, text.utf8.count <= 9, let value = Int(text), value >= 1 else {
            throw APIError.badRequest("\(name) must be a version number (1, 2, …), not '\((text ?? "").prefix(20))'")
        }
        return value
    }
}

/// What `POST /api/v1/scenarios/import` answers: the scenario text when the sheets make a
/// valid scenario, and every problem at its cell.
struct ImportedSpreadsheet: Encodable {
    var valid: Bool
    @ExplicitNull var source: String?
    var problems: [String]
}
