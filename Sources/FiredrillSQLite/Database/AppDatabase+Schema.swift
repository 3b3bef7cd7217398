import FiredrillStore
import GRDB

extension AppDatabase {
    /// The migrations that define the database schema.
    ///
    /// Migrations are named and are never edited once released: a change of schema is a
    /// new migration appended below.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.primaryKey("id", .text)
                t.column("scenario_id", .text).notNull()
                t.column("scenario_title", .text).notNull()
                t.column("scenario_sha256", .text).notNull()
                t.column("scenario_path", .text).notNull()
                t.column("mode", .text).notNull().check(sql: "mode IN ('terminal', 'replay')")
                t.column("speed", .double)
                t.column("started_at", .text).notNull()
                t.column("ended_at", .text)
                t.column("status", .text).notNull().check(sql: "status IN ('running', 'finished', 'interrupted')")
                t.column("checkpoint_ms", .integer).notNull().defaults(to: 0)
                t.column("score", .double)
                t.column("ack_ms", .integer)
                t.column("escalate_ms", .integer)
                t.column("first_action_ms", .integer)
                t.column("resolve_ms", .integer)
                t.column("chain_head", .text)
                t.column("event_count", .integer).notNull().defaults(to: 0)
                // Last, so that the small columns stay at the front of each row.
                t.column("scenario_source", .text).notNull()
            }
            // History and trends order by (started_at, id), filtered by scenario or not.
            try db.create(index: "run_on_started_at", on: "run", columns: ["started_at", "id"])
            try db.create(index: "run_on_scenario_id_started_at", on: "run", columns: ["scenario_id", "started_at", "id"])

            try db.create(table: "participant") { t in
                t.column("run_id", .text).notNull().indexed().references("run", onDelete: .cascade)
                t.column("role_id", .text).notNull()
                t.column("display_name", .text)
                t.column("department", .text)
            }

            try db.create(table: "event", options: [.withoutRowID]) { t in
                t.column("run_id", .text).notNull().references("run", onDelete: .cascade)
                t.column("seq", .integer).notNull()
                t.column("drill_ms", .integer).notNull()
                t.column("wall_time", .text).notNull()
                t.column("type", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("prev_hash", .text).notNull()
                t.column("hash", .text).notNull()
                t.primaryKey(["run_id", "seq"])
            }

            try db.create(table: "objective_result", options: [.withoutRowID]) { t in
                t.column("run_id", .text).notNull().references("run", onDelete: .cascade)
                t.column("objective_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("weight", .double).notNull()
                t.column("status", .text).notNull()
                t.column("elapsed_ms", .integer)
                t.column("credit", .double)
                t.column("rating", .text)
                t.primaryKey(["run_id", "objective_id"])
            }

            try db.create(table: "corrective_action") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .text).notNull().references("run", onDelete: .cascade)
                t.column("objective_id", .text)
                t.column("issue", .text).notNull()
                t.column("corrective_action", .text).notNull()
                t.column("capability", .text).notNull()
                    .check(sql: "capability IN ('Planning', 'Organization', 'Equipment', 'Training', 'Exercise')")
                t.column("responsible_org", .text).notNull()
                t.column("responsible_role", .text)
                t.column("start_date", .text)
                t.column("due_date", .text)
                t.column("status", .text).notNull().defaults(to: "open")
                    .check(sql: "status IN ('open', 'in-progress', 'closed')")
                t.column("closing_evidence", .text)
                t.column("closed_at", .text)
                t.column("created_at", .text).notNull()
            }
            try db.create(index: "corrective_action_on_run_id_status", on: "corrective_action", columns: ["run_id", "status"])
            try db.create(index: "corrective_action_on_status_due_date", on: "corrective_action", columns: ["status", "due_date"])
        }

        // v2: the run's own facts under the hash chain; live or replay mode and the interface
        // played from; coverage and effective timing for honest scores; run options.
        // SQLite cannot change a CHECK constraint, so the run table is rebuilt (GRDB runs
        // migrations with foreign keys off and checks them before committing).
        migrator.registerMigration("v2") { db in
            try db.create(table: "run_v2") { t in
                t.primaryKey("id", .text)
                t.column("scenario_id", .text).notNull()
                t.column("scenario_title", .text).notNull()
                t.column("scenario_sha256", .text).notNull()
                t.column("scenario_path", .text).notNull()
                t.column("mode", .text).notNull().check(sql: "mode IN ('live', 'replay')")
                t.column("interface", .text).notNull().check(sql: "interface IN ('terminal', 'server', 'script')")
                t.column("speed", .double)
                t.column("created_at", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("ended_at", .text)
                t.column("status", .text).notNull().check(sql: "status IN ('ready', 'running', 'finished', 'interrupted')")
                t.column("checkpoint_ms", .integer).notNull().defaults(to: 0)
                t.column("score", .double)
                t.column("objectives_exercised", .integer)
                t.column("objectives_total", .integer)
                t.column("weight_exercised", .double)
                t.column("weight_total", .double)
                t.column("complete", .boolean)
                t.column("ack_ms", .integer)
                t.column("escalate_ms", .integer)
                t.column("first_action_ms", .integer)
                t.column("resolve_ms", .integer)
                t.column("detection_ms", .integer)
                t.column("effective_escalation_ms", .integer)
                t.column("effective_action_ms", .integer)
                // 1: the genesis hash covers run id and scenario hash; 2: it covers `facts`.
                t.column("chain_version", .integer).notNull().defaults(to: 1)
                t.column("facts", .text)
                t.column("options", .text)
                t.column("chain_head", .text)
                t.column("event_count", .integer).notNull().defaults(to: 0)
                t.column("scenario_source", .text).notNull()
            }
            try db.execute(sql: """
                INSERT INTO run_v2 (id, scenario_id, scenario_title, scenario_sha256, scenario_path, mode, interface, speed,
                    created_at, started_at, ended_at, status, checkpoint_ms, score, ack_ms, escalate_ms, first_action_ms,
                    resolve_ms, chain_version, chain_head, event_count, scenario_source)
                SELECT id, scenario_id, scenario_title, scenario_sha256, scenario_path,
                    CASE mode WHEN 'replay' THEN 'replay' ELSE 'live' END,
                    CASE mode WHEN 'replay' THEN 'script' ELSE 'terminal' END,
                    speed, started_at, started_at, ended_at, status, checkpoint_ms, score, ack_ms, escalate_ms,
                    first_action_ms, resolve_ms, 1, chain_head, event_count, scenario_source
                FROM run
                """)
            try db.drop(table: "run")
            try db.rename(table: "run_v2", to: "run")
            try db.create(index: "run_on_started_at", on: "run", columns: ["started_at", "id"])
            try db.create(index: "run_on_scenario_id_started_at", on: "run", columns: ["scenario_id", "started_at", "id"])

            try db.alter(table: "objective_result") { t in
                t.add(column: "met_by", .text)
            }
        }

        // v3: access tokens of drills played through `firedrill serve` (only their hashes).
        migrator.registerMigration("v3") { db in
            try db.create(table: "token") { t in
                t.primaryKey("id", .text)
                t.column("run_id", .text).notNull().indexed().references("run", onDelete: .cascade)
                t.column("kind", .text).notNull().check(sql: "kind IN ('evaluator', 'observer', 'player')")
                // JSON array of role ids, for players.
                t.column("roles", .text)
                t.column("label", .text).notNull()
                // The name a participant gives when joining: evidence of who took part, never in reports.
                t.column("display_name", .text)
                t.column("hash", .text).notNull().unique()
                t.column("created_at", .text).notNull()
                t.column("joined_at", .text)
                t.column("revoked_at", .text)
            }
        }

        // v4: the server's scenario library: every saved version of a scenario, never changed.
        migrator.registerMigration("v4") { db in
            try db.create(table: "scenario_version") { t in
                t.column("scenario_id", .text).notNull()
                t.column("version", .integer).notNull().check { $0 >= 1 }
                t.column("source", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("title", .text).notNull()
                t.column("language", .text).notNull()
                t.column("saved_at", .text).notNull()
                t.primaryKey(["scenario_id", "version"])
            }
        }

        // v5: tokens for the whole server (the ISMS committee, near-miss reporters): only their hashes.
        migrator.registerMigration("v5") { db in
            try db.create(table: "server_token") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull().check(sql: "kind IN ('committee', 'reporter')")
                t.column("name", .text).notNull()
                t.column("hash", .text).notNull().unique()
                t.column("created_at", .text).notNull()
                t.column("revoked_at", .text)
            }
        }

        // v6: the near-miss register. An anonymous entry keeps no name, no token and no time
        // of day; tags are kept as written, one per line (a tag is one line). The digest's
        // "most valuable near miss" is one pick per month.
        migrator.registerMigration("v6") { db in
            try db.create(table: "near_miss") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("title", .text).notNull()
                t.column("what_happened", .text).notNull()
                t.column("tags", .text).notNull()
                t.column("impact", .integer).notNull().check(sql: "impact BETWEEN 1 AND 5")
                t.column("occurred_on", .text).notNull()
                t.column("name", .text)
                t.column("reported_on", .text).notNull()
            }
            try db.create(index: "near_miss_on_reported_on", on: "near_miss", columns: ["reported_on"])
            try db.create(table: "near_miss_pick") { t in
                t.primaryKey("month", .text)
                t.column("near_miss_id", .integer).notNull().references("near_miss", onDelete: .cascade)
                t.column("picked_at", .text).notNull()
            }
            // The quiz of a finished run, per question (never per person), for trends.
            try db.create(table: "quiz_result", options: [.withoutRowID]) { t in
                t.column("run_id", .text).notNull().references("run", onDelete: .cascade)
                t.column("question_id", .text).notNull()
                t.column("answers", .integer).notNull()
                t.column("correct", .integer).notNull()
                t.primaryKey(["run_id", "question_id"])
            }
            // "When was this scenario last drilled live": finished runs by scenario and end.
            try db.create(index: "run_on_scenario_id_ended_at", on: "run", columns: ["scenario_id", "ended_at"])
        }

        // Migrations of later firedrill versions are appended here, with new names.

        return migrator
    }()
}
