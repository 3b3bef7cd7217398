import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// Fills the database with `runs` finished or interrupted runs of `eventsPerRun` events
    /// each, with participants, objective results and corrective actions, written in bulk SQL.
    ///
    /// For benchmarks and large-data tests of `history` and `trends` only: the rows have the
    /// real shape but random hashes, so their chains do not verify.
    public func insertSyntheticHistory(runs: Int, eventsPerRun: Int) throws {
        precondition(runs > 0 && eventsPerRun > 0)
        let source = String(repeating: "# a scenario line of typical length, with some text in it\n", count: 40)
        try writer.write { db in
            try db.execute(sql: """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(runs - 1))
            INSERT INTO run (id, scenario_id, scenario_title, scenario_sha256, scenario_path, mode, interface, speed, created_at,
                             started_at, ended_at, status, checkpoint_ms, score, ack_ms, escalate_ms, first_action_ms, resolve_ms,
                             objectives_exercised, objectives_total, weight_exercised, weight_total, complete,
                             chain_head, event_count, scenario_source)
            SELECT printf('r-%08d-%04x', i, i % 65536), 'scenario-' || (i % 20), 'Scenario ' || (i % 20), lower(hex(randomblob(32))),
                   '/drills/s.yaml', 'live', 'terminal', 1.0,
                   strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i * 3600, 'unixepoch'),
                   strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i * 3600, 'unixepoch'),
                   strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i * 3600 + 1800, 'unixepoch'),
                   CASE WHEN i % 10 = 9 THEN 'interrupted' ELSE 'finished' END, 1800000,
                   i % 100, 30000 + i % 60000, 120000, 45000, 900000,
                   CASE WHEN i % 7 = 6 THEN 2 ELSE 3 END, 3, CASE WHEN i % 7 = 6 THEN 2 ELSE 3 END, 3, CASE WHEN i % 7 = 6 THEN 0 ELSE 1 END,
                   lower(hex(randomblob(32))), \(eventsPerRun), ?
            FROM n
            """, arguments: [source])
            try db.execute(sql: """
            WITH RECURSIVE s(seq) AS (SELECT 0 UNION ALL SELECT seq + 1 FROM s WHERE seq < \(eventsPerRun - 1))
            INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash)
            SELECT r.id, s.seq, s.seq * 1000, r.started_at, 'action',
                   '{"kind":"action","role":"oncall","sequence":' || s.seq || ',"text":"step ' || s.seq || '","time_ms":' || (s.seq * 1000) || ',"type":"action"}',
                   lower(hex(randomblob(32))), lower(hex(randomblob(32)))
            FROM run r, s ORDER BY r.id, s.seq
            """)
            try db.execute(sql: """
            INSERT INTO participant (run_id, role_id, display_name, department)
            SELECT id, 'oncall', NULL, 'SRE' FROM run UNION ALL SELECT id, 'comms', 'Someone', 'Communications' FROM run;
            INSERT INTO objective_result (run_id, objective_id, kind, weight, status, elapsed_ms, credit, rating)
            SELECT id, o.column1, o.column2, 1, 'met', 60000, (abs(random()) % 100) / 100.0, 'S'
            FROM run, (VALUES ('ack', 'acknowledge'), ('esc', 'escalate'), ('fix', 'resolve')) o
            WHERE status = 'finished';
            INSERT INTO corrective_action (run_id, issue, corrective_action, capability, responsible_org, status, created_at, due_date)
            SELECT id, 'issue', 'action', 'Training', 'SRE', CASE WHEN rowid % 2 = 0 THEN 'open' ELSE 'closed' END, started_at, '2026-01-01'
            FROM run WHERE rowid % 5 = 0;
            ANALYZE;
            """)
        }
    }
}
