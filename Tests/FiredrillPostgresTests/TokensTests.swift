import FiredrillCore
import FiredrillPostgres
import FiredrillSQLite
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Testing

/// The live server's tokens in PostgreSQL: the same scenario run on an SQLite store and on a
/// PostgreSQL one gives the same tokens (labels, roles, times, revocations, names) and the
/// same refusals, word for word.
@Suite("PostgreSQL: tokens, as SQLite keeps them", .serialized)
struct TokensTests {
    static let scenario = Scenario(
        id: "db-outage", title: "Database outage", duration: .seconds(1800),
        roles: [Role(id: "oncall", name: "On-call", department: "SRE"), Role(id: "comms", name: "Comms")],
        injects: [Inject(id: "alert", to: .roles(["oncall"]), channel: "pager", subject: "DB down", trigger: .at(.seconds(60)))],
        objectives: [Objective(id: "ack", kind: .acknowledge, from: "alert", target: .seconds(60))]
    )

    /// The scenario, on one store: every step's outcome as a line, with the random ids (runs,
    /// tokens) by the names the script gave them.
    func transcript(_ store: some TokenStoreUnderTest) throws -> [String] {
        var lines: [String] = []
        var names: [String: String] = [:]
        func named(_ text: String) -> String {
            names.sorted { $0.key.count > $1.key.count }.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        func step(_ title: String, _ body: () throws -> String) {
            do { lines.append("\(title): \(named(try body()))") } catch let error as StoreError {
                lines.append("\(title): refused \(error.code) \(named(error.message))")
            } catch {
                lines.append("\(title): unexpected \(error)")
            }
        }
        func describe(_ token: AccessToken) -> String {
            "\(token.id) run=\(token.runID) \(token.kind) \(token.label) roles=\(token.roles) stored=\(token.storedRoles ?? "nil") "
                + "name=\(token.displayName ?? "nil") created=\(token.createdAt) joined=\(token.joinedAt ?? "nil") revoked=\(token.revokedAt ?? "nil")"
        }
        func describe(_ token: ServerToken) -> String {
            "\(token.id) \(token.kind) '\(token.name)' created=\(token.createdAt) revoked=\(token.revokedAt ?? "nil")"
        }
        func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_320_062 + seconds) }

        let runA = try store.startRun(scenario: Self.scenario, source: "id: db-outage", path: "a.yaml", interface: .server, speed: nil,
                                      participants: [], options: nil, status: .ready, wallClock: { Date(timeIntervalSince1970: 1_795_320_062) }).runID
        let runB = try store.startRun(scenario: Self.scenario, source: "id: db-outage", path: "b.yaml", interface: .server, speed: nil,
                                      participants: [], options: nil, status: .ready, wallClock: { Date(timeIntervalSince1970: 1_795_320_062) }).runID
        names[runA] = "RUN-A"
        names[runB] = "RUN-B"
        var ids: [String] = []
        func make(_ runID: String, _ kind: AccessToken.Kind, _ roles: [String], _ name: String?, _ seconds: Double) -> String {
            var made = ""
            step("make \(kind) \(roles)") {
                let (token, secret) = try store.makeToken(runID: runID, kind: kind, roles: roles, displayName: name, createdAt: at(seconds))
                names[token.id] = "TOK-\(ids.count + 1)"
                ids.append(token.id)
                made = token.id
                let prefix = String(secret.prefix(4))
                #expect(token.id.hasPrefix("tok-") && secret.count == 4 + 43, "\(token.id) \(secret)")
                return "\(describe(token)) secret=\(prefix)… hash-of-secret=\(token.hash == AccessToken.hash(of: secret))"
            }
            return made
        }
        let player = make(runA, .player, ["oncall", "comms"], "Ada", 1)
        let second = make(runA, .player, [], nil, 2)
        let evaluator = make(runA, .evaluator, ["ignored"], nil, 3)
        _ = make(runA, .observer, [], "Board", 4)
        _ = make(runB, .player, ["a/b", "ünï \"q\""], "亜矢", 1)
        _ = make("r-nope", .player, [], nil, 5)
        step("tokens of A") { try store.tokens(runID: runA).map(describe).joined(separator: " | ") }
        step("tokens of B") { try store.tokens(runID: runB).map(describe).joined(separator: " | ") }
        step("tokens of none") { try store.tokens(runID: "r-nope").map(describe).joined(separator: " | ") }
        step("every token") { try store.tokens(runID: nil).map(describe).joined(separator: " | ") }

        step("revoke in another drill") { describe(try store.revokeToken(id: player, runID: runB, at: at(10))) }
        step("revoke a token that is not there") { describe(try store.revokeToken(id: "tok-" + String(repeating: "0", count: 50), runID: runA, at: at(10))) }
        step("revoke") { describe(try store.revokeToken(id: player, runID: runA, at: at(11))) }
        step("revoke again") { describe(try store.revokeToken(id: player, runID: runA, at: at(12))) }
        step("join") { describe(try store.setDisplayName(tokenID: second, name: "Bob", at: at(13))) }
        step("join again") { describe(try store.setDisplayName(tokenID: second, name: nil, at: at(14))) }
        step("join revoked") { describe(try store.setDisplayName(tokenID: player, name: "Ada L.", at: at(15))) }
        step("join a token that is not there") { describe(try store.setDisplayName(tokenID: "tok-nope", name: "x", at: at(15))) }
        step("evaluator after") { try store.tokens(runID: runA).filter { $0.id == evaluator }.map(describe).joined() }
        step("tokens of A after") { try store.tokens(runID: runA).map(describe).joined(separator: " | ") }

        var committee = ""
        step("server token") {
            let (token, secret) = try store.makeServerToken(kind: .committee, name: "ISMS 委員会", createdAt: at(20))
            names[token.id] = "SRV-1"
            committee = token.id
            return "\(describe(token)) secret=\(secret.prefix(4))… hash-of-secret=\(token.hash == AccessToken.hash(of: secret))"
        }
        step("reporter token") {
            let (token, secret) = try store.makeServerToken(kind: .reporter, name: "総務部", createdAt: at(19))
            names[token.id] = "SRV-2"
            return "\(describe(token)) secret=\(secret.prefix(4))… hash-of-secret=\(token.hash == AccessToken.hash(of: secret))"
        }
        step("server tokens") { try store.serverTokens().map(describe).joined(separator: " | ") }
        step("revoke server token") { describe(try store.revokeServerToken(id: committee, at: at(30))) }
        step("revoke server token again") { describe(try store.revokeServerToken(id: committee, at: at(31))) }
        step("revoke a drill token as a server token") { describe(try store.revokeServerToken(id: evaluator, at: at(31))) }
        step("revoke a server token as a drill token") { describe(try store.revokeToken(id: committee, runID: runA, at: at(31))) }
        step("revoke no server token") { describe(try store.revokeServerToken(id: String(repeating: "é", count: 45), at: at(31))) }
        step("server tokens after") { try store.serverTokens().map(describe).joined(separator: " | ") }
        return lines
    }

    @Test("drill and server tokens: the same tokens and refusals on both stores")
    func sameAsSQLite() throws {
        let sqlite = try transcript(try AppDatabase.inMemory())
        let store = try ParityStores.postgres("tokens_parity")
        defer { try? store.close() }
        let postgres = try transcript(store)
        #expect(postgres.count == sqlite.count)
        // Two tokens of two drills are made at one instant: their order follows their random
        // ids, which differ between the two stores, so the listing of every token is compared
        // as a set.
        func comparable(_ line: String) -> String {
            guard line.hasPrefix("every token: ") else { return line }
            return "every token: " + line.dropFirst("every token: ".count).components(separatedBy: " | ").sorted().joined(separator: " | ")
        }
        for (expected, actual) in zip(sqlite, postgres) { #expect(comparable(actual) == comparable(expected)) }
        // What the script should give, once (the stores agree on it above).
        #expect(sqlite.contains { $0.hasPrefix("make player [\"oncall\", \"comms\"]: TOK-1 run=RUN-A player player-1 roles=[\"oncall\", \"comms\"] stored=[\"oncall\",\"comms\"] name=Ada") })
        #expect(sqlite.contains { $0.hasPrefix("make evaluator [\"ignored\"]: TOK-3 run=RUN-A evaluator evaluator-1 roles=[] stored=nil") })
        #expect(sqlite.contains { $0.hasPrefix("make player []: refused runNotFound no recorded run has the id 'r-nope'") })
        #expect(sqlite.contains("revoke in another drill: refused invalidInput drill 'RUN-B' has no token 'TOK-1'"))
        #expect(sqlite.contains { $0.hasPrefix("revoke again: TOK-1") && $0.hasSuffix("revoked=2026-11-22T04:01:13.000Z") })
        #expect(sqlite.contains { $0.hasPrefix("join again: TOK-2") && $0.contains("name=nil created=2026-11-22T04:01:04.000Z joined=2026-11-22T04:01:15.000Z") })
        #expect(sqlite.contains("join a token that is not there: refused invalidInput no token 'tok-nope'"))
        #expect(sqlite.contains { $0.hasPrefix("server tokens: SRV-2 reporter '総務部'") })
        #expect(sqlite.contains("revoke no server token: refused invalidInput there is no server token '\(String(repeating: "é", count: 40))'"))
    }

    @Test("tokens made at the same instant are listed by id, in byte order, on both stores")
    func sameInstant() throws {
        let store = try ParityStores.postgres("tokens_same_instant")
        defer { try? store.close() }
        for backend in [try AppDatabase.inMemory() as any TokenStoreUnderTest, store] {
            let run = try backend.startRun(scenario: Self.scenario, source: "s", path: "p", interface: .server, speed: nil,
                                           participants: [], options: nil, status: .ready, wallClock: { Date() }).runID
            let instant = Date(timeIntervalSince1970: 1_795_320_062)
            for _ in 0..<12 { _ = try backend.makeToken(runID: run, kind: .observer, roles: [], displayName: nil, createdAt: instant) }
            for _ in 0..<12 { _ = try backend.makeServerToken(kind: .reporter, name: "r", createdAt: instant) }
            let tokens = try backend.tokens(runID: run).map(\.id)
            #expect(tokens == tokens.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            #expect(try backend.tokens(runID: run).map(\.label).sorted() == (1...12).map { "observer-\($0)" }.sorted())
            let server = try backend.serverTokens().map(\.id)
            #expect(server == server.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        }
    }

    @Test("tokens made at once for one drill on two connections are numbered one after the other")
    func concurrentLabels() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("tokens_concurrent")
        let address = try PostgresAddress(url: cluster.url(name))
        let first = try PostgresStore.open(address)
        defer { try? first.close() }
        let run = try first.startRun(scenario: Self.scenario, source: "s", path: "p", interface: .server, speed: nil,
                                     participants: [], options: nil, status: .ready, wallClock: { Date() }).runID
        let stores = try (0..<4).map { _ in try PostgresStore.open(address) }
        defer { for store in stores { try? store.close() } }
        DispatchQueue.concurrentPerform(iterations: stores.count) { index in
            for _ in 0..<5 { _ = try? stores[index].makeToken(runID: run, kind: .player, roles: ["oncall"], displayName: nil, createdAt: Date()) }
        }
        #expect(try first.tokens(runID: run).map(\.label).sorted() == (1...20).map { "player-\($0)" }.sorted())
    }
}

/// The methods of the tokens' part of the store, as both stores have them.
protocol TokenStoreUnderTest: AnyObject {
    func startRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions?, status: RunStatus, wallClock: @escaping @Sendable () -> Date
    ) throws -> any RunRecording
    func makeToken(runID: String, kind: AccessToken.Kind, roles: [String], displayName: String?, createdAt: Date) throws -> (token: AccessToken, secret: String)
    func tokens(runID: String?) throws -> [AccessToken]
    func revokeToken(id: String, runID: String, at date: Date) throws -> AccessToken
    func setDisplayName(tokenID: String, name: String?, at date: Date) throws -> AccessToken
    func makeServerToken(kind: ServerToken.Kind, name: String, createdAt: Date) throws -> (token: ServerToken, secret: String)
    func serverTokens() throws -> [ServerToken]
    func revokeServerToken(id: String, at date: Date) throws -> ServerToken
}

extension AppDatabase: TokenStoreUnderTest {}
extension PostgresStore: TokenStoreUnderTest {}

/// The stores the comparisons run on.
enum ParityStores {
    /// A PostgreSQL store on a new, empty database of the test cluster.
    static func postgres(_ name: String) throws -> PostgresStore {
        let cluster = try PostgresCluster.shared()
        return try PostgresStore.open(try PostgresAddress(url: cluster.url(try cluster.database(name))))
    }

    /// What `body` gives, or the store's refusal.
    static func outcome<T>(_ body: () throws -> T) -> Outcome<T> {
        do { return .value(try body()) } catch let error as StoreError { return .refused(error) } catch {
            return .refused(StoreError(.writeFailed, "not a StoreError: \(error)"))
        }
    }

    enum Outcome<T> {
        case value(T)
        case refused(StoreError)
    }
}

extension ParityStores.Outcome: Equatable where T: Equatable {}
extension ParityStores.Outcome: Sendable where T: Sendable {}
extension ParityStores.Outcome: CustomStringConvertible {
    var description: String {
        switch self {
        case .value(let value): "\(value)"
        case .refused(let error): "refused \(error.code): \(error.message)"
        }
    }
}
