import FiredrillCore
import FiredrillStore
import Foundation
import GRDB

extension AppDatabase {
    /// Fills the register with `count` near misses of realistic shape, in one transaction:
    /// Japanese titles and texts, one to three tags each from a vocabulary of `tagVocabulary`,
    /// impacts 1–5, occurring over the two years before `today`, a third of them named.
    ///
    /// For benchmarks and large-data tests only.
    public func insertSyntheticNearMisses(count: Int, tagVocabulary: Int = 200, today: CalendarDay) throws {
        precondition(count > 0 && tagVocabulary > 0)
        try writer.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO near_miss (title, what_happened, tags, impact, occurred_on, name, reported_on) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            var generator = SystemRandomNumberGenerator()
            for index in 0..<count {
                let tagCount = Int.random(in: 1...3, using: &generator)
                // Some tags are far more common than others, as in a real register.
                let tags = (0..<tagCount).map { _ in
                    let rank = Int(Double(tagVocabulary) * pow(Double.random(in: 0..<1, using: &generator), 2))
                    return rank % 3 == 0 ? "タグ\(rank)" : "tag-\(rank)"
                }
                let occurred = today - Int.random(in: 0..<730, using: &generator)
                try statement.execute(arguments: [
                    "配信前の確認で誤りに気づいた（\(index)）",
                    "メール配信の直前に、添付ファイルが承認前の版であることに気づいた。担当者が二人目の確認を依頼して差し替えた。",
                    tags.joined(separator: "\n"), Int.random(in: 1...5, using: &generator), occurred.description,
                    index % 3 == 0 ? "報告者 \(index % 97)" : nil, (occurred + Int.random(in: 0...3, using: &generator)).description,
                ])
            }
        }
    }
}
