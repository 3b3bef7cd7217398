import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// Recomputes the run's hash chain from its stored events and compares it with the
    /// stored hashes, links, event count and chain head (``FiredrillStore/RunVerification``).
    public func verify(runID: String) throws -> ChainVerification {
        try read { db in
            let run = try Self.fetchRun(db, id: runID)
            let roles = try ParticipantRecord
                .filter(ParticipantRecord.Columns.runID == runID)
                .order(Column.rowID)
                .fetchAll(db)
            if let broken = RunVerification.verifyFacts(run: run, participants: roles.map { ($0.roleID, $0.department) }) { return broken }
            let events = try EventChain.Link.ofRun(runID).fetchCursor(db)
            return try RunVerification.verify(run: run) { try events.next() }
        }
    }

    /// Compares what a finished run stores as its result (score, coverage, timing, one row
    /// per objective and per quiz question) with `report`, the report recomputed from its
    /// scenario and events (``FiredrillStore/RunResult/differences(stored:objectives:quiz:recomputed:)``).
    public func resultDifferences(runID: String, report: DrillReport) throws -> [String] {
        try read { db in
            let run = try Self.fetchRun(db, id: runID)
            guard run.status == .finished else { return [] }
            let objectives = try ObjectiveResultRecord.filter(ObjectiveResultRecord.Columns.runID == runID).fetchAll(db).map(\.result)
            let quiz = try Row.fetchAll(db, sql: "SELECT question_id, answers, correct FROM quiz_result WHERE run_id = ?", arguments: [runID])
                .map { RunResult.Question(questionID: $0[0], answers: $0[1], correct: $0[2]) }
            return RunResult.differences(stored: run, objectives: objectives, quiz: quiz, recomputed: report)
        }
    }
}
