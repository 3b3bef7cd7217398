import FiredrillCore
import FiredrillPostgres
@testable import FiredrillSQLite
import FiredrillStore
import FiredrillTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// What the history and trend listings need of a store, so that the same runs are recorded
/// in SQLite and in PostgreSQL, and the same questions asked of both.
protocol ListingStore {
    func startRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions?, status: RunStatus, wallClock: @escaping @Sendable () -> Date
    ) throws -> any RunRecording
    func addCorrectiveAction(runID: String, plan: PlannedAction, createdAt: Date) throws -> Int64
    func closeCorrectiveAction(id: Int64, evidence: String, at date: Date) throws -> CorrectiveAction
    func history(filter: HistoryFilter) throws -> [HistoryRow]
    func trendPoints(scenarioID: String?, since: Date?, until: Date?) throws -> [TrendPoint]
    func departmentTrendPoints(scenarioID: String?, since: Date?, until: Date?) throws -> [DepartmentTrendPoint]
    func serverRunIDs(finished: Bool, limit: Int) throws -> [String]
    func lastLiveDrills() throws -> [String: String]
}

extension AppDatabase: ListingStore {}
extension PostgresStore: ListingStore {}

/// The history and trends read from PostgreSQL are those SQLite gives for the same runs:
/// the same rows, in the same order, with the same filters, and the same damage noted for
/// the same edited values.
@Suite("PostgreSQL: history and trends, as in SQLite", .serialized)
struct HistoryTests {
    /// 2026-11-22T04:01:02.000Z
    static let epoch = Date(timeIntervalSince1970: 1_795_320_062)

    static func day(_ offset: Int) -> Date { epoch.addingTimeInterval(Double(offset) * 86_400) }

    static func scenario(id: String = "db-outage", title: String = "Database outage") -> Scenario {
        Scenario(
            id: id, title: title, duration: .seconds(1800),
            roles: [
                Role(id: "oncall", name: "On-call engineer", department: "SRE"),
                Role(id: "comms", name: "Communications lead", department: "Communications"),
                Role(id: "cto", name: "CTO", persona: Persona(reply: "Keep me posted.")),
            ],
            injects: [
                Inject(id: "alert", to: .roles(["oncall"]), channel: "pager", subject: "DB down", trigger: .at(.seconds(60))),
                Inject(id: "later", to: .all, channel: "chat", subject: "Still down?", trigger: .at(.seconds(310))),
            ],
            objectives: [
                Objective(id: "ack", kind: .acknowledge, from: "alert", target: .seconds(60)),
                Objective(id: "esc", kind: .escalate, target: .seconds(300), weight: 2, to: "cto"),
                Objective(id: "fix", kind: .resolve, target: .seconds(900)),
            ],
            quiz: [
                QuizQuestion(id: "q1", question: "Who is paged first?", choices: ["on-call", "CTO"], answers: [0]),
                QuizQuestion(id: "q2", question: "Where is the status?", choices: ["chat", "status page", "mail"], answers: [1]),
            ]
        )
    }

    static let source = "format: 1\nid: db-outage\n# \"quotes\", ünïcödé\n"

    /// A whole drill's log: actions of both departments, an answered quiz.
    static func events() -> [DrillEvent] {
        let kinds: [(Int64, DrillEvent.Kind)] = [
            (0, .started),
            (60_000, .injectDelivered(inject: "alert")),
            (95_250, .action(PlayerAction(role: "oncall", kind: .acknowledge, text: "on it"))),
            (120_000, .action(PlayerAction(role: "comms", kind: .acknowledge, text: "seen"))),
            (200_000, .action(PlayerAction(role: "oncall", kind: .escalate, text: "db \"primary\" down", target: "cto", channel: "chat"))),
            (200_000, .personaReply(persona: "cto", to: "oncall", text: "Keep me posted.")),
            (310_000, .injectSkipped(inject: "later")),
            (650_500, .action(PlayerAction(role: "comms", kind: .communicate, text: "status page: ünïcödé ✓"))),
            (660_000, .action(PlayerAction(role: "comms", kind: .action, text: "drafted the notice"))),
            (700_000, .action(PlayerAction(role: "oncall", kind: .resolve, text: ""))),
            (710_000, .quizAnswer(QuizAnswer(participant: "p-1", department: "SRE", question: "q1", choices: [0]))),
            (710_000, .quizAnswer(QuizAnswer(participant: "p-2", department: "PR", question: "q1", choices: [1]))),
            (710_000, .quizAnswer(QuizAnswer(participant: "p-1", department: "SRE", question: "q2", choices: [1]))),
            (720_000, .ended(.endedByTrainer)),
        ]
        return kinds.enumerated().map { DrillEvent(sequence: $0.offset, time: DrillTime(milliseconds: $0.element.0), kind: $0.element.1) }
    }

    /// A wall clock that moves one second (plus a millisecond) at each reading, from `start`.
    static func clock(_ start: Date) -> @Sendable () -> Date {
        let next = Mutex(start)
        return { next.withLock { date in defer { date += 1.001 }; return date } }
    }

    /// One run, recorded the same way in each store.
    struct Plan {
        var day: Int
        var scenario: Scenario
        var interface: RunInterface
        var participants: [Participant]
        var status: RunStatus
    }

    static let outage = scenario()
    static let phishing = scenario(id: "phishing", title: "Phishing")
    static let team = [Participant(role: "oncall", displayName: "Ada", department: nil), Participant(role: "comms", department: "PR")]

    /// Seven runs on days 0…6, with both scripted and live drills, unfinished and ready
    /// server drills, and departments whose byte order is not their dictionary order.
    static let plans = [
        Plan(day: 0, scenario: outage, interface: .script, participants: team, status: .finished),
        Plan(day: 1, scenario: phishing, interface: .server, participants: [Participant(role: "comms")], status: .finished),
        Plan(day: 2, scenario: outage, interface: .terminal, participants: [], status: .interrupted),
        Plan(day: 3, scenario: outage, interface: .terminal, participants: team, status: .finished),
        Plan(day: 4, scenario: phishing, interface: .server, participants: [], status: .running),
        Plan(day: 5, scenario: outage, interface: .server, participants: team, status: .ready),
        Plan(
            day: 6, scenario: outage, interface: .server,
            participants: [Participant(role: "oncall", department: "Zeta"), Participant(role: "comms", department: "alpha")], status: .finished
        ),
    ]

    /// Records ``plans`` in `store`; returns the runs' ids in their order.
    static func record(_ plans: [Plan], in store: some ListingStore) throws -> [String] {
        var ids: [String] = []
        for plan in plans {
            let recorder = try store.startRun(
                scenario: plan.scenario, source: source, path: "/drills/\(plan.scenario.id).yaml", interface: plan.interface,
                speed: plan.interface == .script ? nil : 1, participants: plan.participants, options: nil,
                status: plan.status == .ready ? .ready : .running, wallClock: clock(day(plan.day))
            )
            let events = Self.events()
            switch plan.status {
            case .finished:
                try recorder.append(Array(events[0..<3]))
                try recorder.append(Array(events[3...]))
                try recorder.finish(report: DrillReport(scenario: plan.scenario, events: events, mode: plan.interface.mode))
            case .interrupted:
                try recorder.append(Array(events[0..<4]))
                try recorder.markInterrupted()
            case .running:
                try recorder.append(Array(events[0..<2]))
            case .ready:
                break
            }
            ids.append(recorder.runID)
        }
        // The improvement plan of the run of day 3: two items open, one closed.
        for (issue, close) in [("slow ack", false), ("no runbook", true), ("pager", false)] {
            let plan = try PlannedAction(issue: issue, correctiveAction: "fix it", capability: "Training", responsibleOrg: "SRE")
            let id = try store.addCorrectiveAction(runID: ids[3], plan: plan, createdAt: day(7))
            if close { _ = try store.closeCorrectiveAction(id: id, evidence: "done", at: day(8)) }
        }
        return ids
    }

    /// The same runs in an SQLite store and in a PostgreSQL database `name`, and the id of
    /// each PostgreSQL run in SQLite (the ids end in random digits).
    struct Pair {
        let sqlite: AppDatabase
        let postgres: PostgresStore
        let sqliteIDs: [String]
        let postgresIDs: [String]
        let database: String
        var toSQLite: [String: String] { Dictionary(uniqueKeysWithValues: zip(postgresIDs, sqliteIDs)) }

        init(_ name: String) throws {
            sqlite = try AppDatabase.inMemory()
            let cluster = try PostgresCluster.shared()
            database = try cluster.database(name)
            postgres = try PostgresStore.open(try PostgresAddress(url: cluster.url(database)))
            sqliteIDs = try HistoryTests.record(HistoryTests.plans, in: sqlite)
            postgresIDs = try HistoryTests.record(HistoryTests.plans, in: postgres)
        }

        /// The same statement run in both databases.
        func sql(_ statement: String, run: Int) throws {
            let sqliteID = sqliteIDs[run], postgresID = postgresIDs[run]
            try sqlite.write { try $0.execute(sql: statement.replacingOccurrences(of: "$RUN", with: "'\(sqliteID)'")) }
            try PostgresCluster.shared().sql(statement.replacingOccurrences(of: "$RUN", with: "'\(postgresID)'"), database: database)
        }

        func history(_ filter: HistoryFilter = HistoryFilter()) throws -> (sqlite: [HistoryRow], postgres: [HistoryRow]) {
            let mapping = toSQLite
            let postgresRows = try postgres.history(filter: filter).map { row in
                var row = row
                row.runID = mapping[row.runID] ?? "unknown \(row.runID)"
                return row
            }
            return (try sqlite.history(filter: filter), postgresRows)
        }

        func trends(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> (sqlite: [TrendPoint], postgres: [TrendPoint]) {
            let mapping = toSQLite
            let points = try postgres.trendPoints(scenarioID: scenarioID, since: since, until: until).map { point in
                var point = point
                point.runID = mapping[point.runID] ?? "unknown \(point.runID)"
                return point
            }
            return (try sqlite.trendPoints(scenarioID: scenarioID, since: since, until: until), points)
        }

        func departmentTrends(
            scenarioID: String? = nil, since: Date? = nil, until: Date? = nil
        ) throws -> (sqlite: [DepartmentTrendPoint], postgres: [DepartmentTrendPoint]) {
            let mapping = toSQLite
            let points = try postgres.departmentTrendPoints(scenarioID: scenarioID, since: since, until: until).map { point in
                var point = point
                point.runID = mapping[point.runID] ?? "unknown \(point.runID)"
                return point
            }
            return (try sqlite.departmentTrendPoints(scenarioID: scenarioID, since: since, until: until), points)
        }

        func serverRunIDs(finished: Bool, limit: Int) throws -> (sqlite: [String], postgres: [String]) {
            let mapping = toSQLite
            return (try sqlite.serverRunIDs(finished: finished, limit: limit),
                    try postgres.serverRunIDs(finished: finished, limit: limit).map { mapping[$0] ?? "unknown \($0)" })
        }
    }

    @Test("history: the same rows, in the same order, with every filter (scenario, period, status, limit and offset)")
    func history() throws {
        let pair = try Pair("history_filters")
        defer { try? pair.postgres.close() }
        let ids = pair.sqliteIDs
        let all = try pair.history()
        #expect(all.postgres == all.sqlite)
        #expect(all.sqlite.map(\.runID) == ids.reversed())
        #expect(all.sqlite.map(\.openActions) == [0, 0, 0, 2, 0, 0, 0])
        #expect(all.sqlite.map(\.mode) == [.live, .live, .live, .live, .live, .live, .replay])
        #expect(all.sqlite.flatMap(\.damage) == [])

        let filters = [
            HistoryFilter(scenarioID: "db-outage"),
            HistoryFilter(scenarioID: "phishing", status: .finished),
            HistoryFilter(status: .interrupted),
            HistoryFilter(status: .ready),
            HistoryFilter(since: Self.day(1), until: Self.day(3)),
            HistoryFilter(since: Self.day(3)),
            HistoryFilter(since: Self.day(3).addingTimeInterval(1.001)),
            HistoryFilter(until: Self.day(0)),
            HistoryFilter(limit: 2),
            HistoryFilter(limit: 2, offset: 2),
            HistoryFilter(offset: 5),
            HistoryFilter(limit: 0),
            HistoryFilter(limit: -3, offset: -1),
            HistoryFilter(offset: -2),
            HistoryFilter(scenarioID: "db-outage", since: Self.day(1), limit: 1),
            HistoryFilter(scenarioID: "db-outage", since: Self.day(1), until: Self.day(6), status: .finished, limit: 5, offset: 0),
            HistoryFilter(scenarioID: "unknown"),
            HistoryFilter(scenarioID: "db-outage'; DROP TABLE run; --"),
        ]
        for filter in filters {
            let rows = try pair.history(filter)
            #expect(rows.postgres == rows.sqlite, "\(filter)")
        }
        #expect(try pair.history(HistoryFilter(limit: 2, offset: 2)).sqlite.map(\.runID) == [ids[4], ids[3]])
        #expect(try pair.history(HistoryFilter(since: Self.day(1), until: Self.day(3))).sqlite.map(\.runID) == [ids[2], ids[1]])
    }

    @Test("trends: the same points, departments in byte order, quiz shares and credits, with every filter")
    func trends() throws {
        let pair = try Pair("history_trends")
        defer { try? pair.postgres.close() }
        let ids = pair.sqliteIDs
        let periods: [(String?, Date?, Date?)] = [
            (nil, nil, nil), ("db-outage", nil, nil), ("phishing", nil, nil), (nil, Self.day(1), Self.day(3)),
            (nil, Self.day(3), nil), (nil, nil, Self.day(3)), ("phishing", Self.day(2), nil), ("unknown", nil, nil),
        ]
        for (scenarioID, since, until) in periods {
            let points = try pair.trends(scenarioID: scenarioID, since: since, until: until)
            #expect(points.postgres == points.sqlite, "\(String(describing: scenarioID)) \(String(describing: since)) \(String(describing: until))")
            let departments = try pair.departmentTrends(scenarioID: scenarioID, since: since, until: until)
            #expect(departments.postgres == departments.sqlite, "\(String(describing: scenarioID)) \(String(describing: since)) \(String(describing: until))")
        }

        let points = try pair.trends().sqlite
        #expect(points.map(\.runID) == [ids[0], ids[1], ids[3], ids[6]])
        #expect(points.map(\.departments) == [["PR", "SRE"], ["Communications"], ["PR", "SRE"], ["Zeta", "alpha"]])
        #expect(points[0].quizShares == ["q1": 0.5, "q2": 1])
        #expect(!points[0].credits.isEmpty && points[0].ackMs == 95_250)

        let departments = try pair.departmentTrends().sqlite
        #expect(departments.map(\.department) == ["PR", "SRE", "Communications", "PR", "SRE", "Zeta", "alpha"])
        #expect(departments.map(\.actions) == [3, 3, 3, 3, 3, 3, 3])
        let zeta = departments[5]
        #expect(zeta.runID == ids[6] && zeta.acknowledgeMs == 35_250 && zeta.escalateMs == 140_000 && zeta.firstActionMs == nil)
        #expect(!zeta.credits.isEmpty)
    }

    @Test("the server's runs and the last live drill of each scenario are the same")
    func serverRunsAndLastLiveDrills() throws {
        let pair = try Pair("history_server_runs")
        defer { try? pair.postgres.close() }
        let ids = pair.sqliteIDs
        for finished in [false, true] {
            for limit in [Int.max, 3, 1, 0, -1] {
                let runs = try pair.serverRunIDs(finished: finished, limit: limit)
                #expect(runs.postgres == runs.sqlite, "finished: \(finished), limit: \(limit)")
            }
        }
        #expect(try pair.serverRunIDs(finished: false, limit: .max).sqlite == [ids[5], ids[4]])
        #expect(try pair.serverRunIDs(finished: true, limit: .max).sqlite == [ids[6], ids[1]])

        let latest = try pair.sqlite.lastLiveDrills()
        #expect(try pair.postgres.lastLiveDrills() == latest)
        #expect(Set(latest.keys) == ["db-outage", "phishing"])
        // The drill of day 6 ended last; the scripted replay of day 0 is not a live drill.
        #expect(latest["db-outage"]?.hasPrefix(Timestamp.string(from: Self.day(6)).prefix(10)) == true)
    }

    @Test("values edited behind firedrill's back are noted as the same damage, and the run left out of trends the same way")
    func damage() throws {
        let pair = try Pair("history_damage")
        defer { try? pair.postgres.close() }
        try pair.sql("UPDATE run SET score = 150 WHERE id = $RUN", run: 0)
        try pair.sql("UPDATE run SET ended_at = 'yesterday' WHERE id = $RUN", run: 1)
        try pair.sql("UPDATE run SET started_at = '2026-13-01T00:00:00.000Z' WHERE id = $RUN", run: 3)

        let history = try pair.history()
        #expect(history.postgres == history.sqlite)
        let damaged = Dictionary(uniqueKeysWithValues: history.sqlite.map { ($0.runID, $0.damage) })
        #expect(damaged[pair.sqliteIDs[0]] == ["score 150.0 is outside 0…100"])
        #expect(damaged[pair.sqliteIDs[1]] == ["ended_at 'yesterday' is not an ISO-8601 UTC instant"])
        #expect(damaged[pair.sqliteIDs[3]] == ["started_at '2026-13-01T00:00:00.000Z' is not an ISO-8601 UTC instant"])

        let points = try pair.trends()
        #expect(points.postgres == points.sqlite)
        #expect(points.sqlite.map(\.runID) == [pair.sqliteIDs[0], pair.sqliteIDs[1], pair.sqliteIDs[6]])
        #expect(points.sqlite.first?.score == nil)
        let departments = try pair.departmentTrends()
        #expect(departments.postgres == departments.sqlite)
    }
}
