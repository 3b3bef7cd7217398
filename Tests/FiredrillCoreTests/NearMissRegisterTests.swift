import Testing
@testable import FiredrillCore

/// The near-miss register: frequency, staleness and priority exactly as the format contract
/// defines them, tags compared by case and width, and the checks every submission passes.
@Suite("Near-miss register")
struct NearMissRegisterTests {
    let today = CalendarDay("2026-12-07")!

    func entry(_ id: Int64, _ tags: [String], impact: Int = 1, daysAgo: Int = 1) -> NearMiss {
        NearMiss(id: id, title: "entry \(id)", whatHappened: "…", tags: tags, impact: impact,
                 occurredOn: (today - daysAgo).description, name: nil, reportedOn: today.description)
    }

    func rank(_ entries: [NearMiss], scenarios: [NearMissRegister.ScenarioTags] = [], lastDrilled: [String: String] = [:]) -> [Int64: NearMissRegister.Ranked] {
        let register = NearMissRegister(entries: entries, scenarios: scenarios, lastDrilled: lastDrilled, today: today)
        return Dictionary(uniqueKeysWithValues: register.ranked.map { ($0.entry.id, $0) })
    }

    @Test("frequency is 1 + the other entries sharing any tag within 90 days, each counted once")
    func frequency() {
        let ranked = rank([
            entry(1, ["newsletter", "personal-data"]),
            entry(2, ["newsletter"]),
            entry(3, ["personal-data", "newsletter"]),   // shares both tags: counted once
            entry(4, ["personal-data"], daysAgo: 90),     // the 90th day still counts
            entry(5, ["newsletter"], daysAgo: 91),       // too old to count for others
            entry(6, ["firmware"]),
            entry(7, []),
        ])
        #expect(ranked[1]?.frequency == 4)   // 2, 3, 4
        #expect(ranked[2]?.frequency == 3)   // 1, 3
        #expect(ranked[3]?.frequency == 4)   // 1, 2, 4
        #expect(ranked[4]?.frequency == 3)   // 1, 3
        #expect(ranked[5]?.frequency == 4)   // an old entry counts the recent others: 1, 2, 3
        #expect(ranked[6]?.frequency == 1)
        #expect(ranked[7]?.frequency == 1)
    }

    @Test("tags compare by case and width: ＮＥＷＳＬＥＴＴＥＲ is newsletter")
    func tagKeys() {
        #expect(NearMiss.tagKey("ＮＥＷＳＬＥＴＴＥＲ") == "newsletter")
        #expect(NearMiss.tagKey(" Newsletter ") == "newsletter")
        #expect(NearMiss.tagKey("ﾒｰﾙ誤送信") == NearMiss.tagKey("メール誤送信"))
        let ranked = rank([entry(1, ["ＮＥＷＳＬＥＴＴＥＲ"]), entry(2, ["newsletter"])],
                          scenarios: [.init(id: "nl", title: "Newsletter", tags: ["NewsLetter"])])
        #expect(ranked[1]?.frequency == 2 && ranked[1]?.coveredBy.map(\.scenario) == ["nl"])
    }

    @Test("staleness: 1 drilled live within 180 days, 2 older, 3 never drilled or not covered; priority multiplies")
    func staleness() {
        let scenarios: [NearMissRegister.ScenarioTags] = [
            .init(id: "fresh", title: "F", tags: ["a"]), .init(id: "old", title: "O", tags: ["b"]),
            .init(id: "never", title: "N", tags: ["c"]), .init(id: "mixed", title: "M", tags: ["b", "d"]),
        ]
        let drilled = ["fresh": "2026-06-10T09:00:00.000Z", "old": "2026-06-09T09:00:00.000Z", "mixed": "2025-01-01T00:00:00.000Z"]
        let ranked = rank([entry(1, ["a"], impact: 5), entry(2, ["b"], impact: 2), entry(3, ["c"], impact: 3), entry(4, ["z"], impact: 4),
                           entry(5, ["a", "c"], impact: 1)], scenarios: scenarios, lastDrilled: drilled)
        // 2026-12-07 − 180 days = 2026-06-10.
        #expect(ranked[1]?.staleness == 1 && ranked[1]?.priority == 2 * 5 * 1)
        #expect(ranked[2]?.staleness == 2 && ranked[2]?.priority == 1 * 2 * 2)
        #expect(ranked[2]?.coveredBy.map(\.scenario) == ["mixed", "old"])
        #expect(ranked[3]?.staleness == 3 && ranked[3]?.priority == 2 * 3 * 3)
        #expect(ranked[4]?.staleness == 3 && ranked[4]?.coveredBy.isEmpty == true)
        // Covered by a fresh and a never-drilled scenario: the latest drill counts.
        #expect(ranked[5]?.staleness == 1)
    }

    @Test("the register is ordered by priority; the backlog ranks tags by their highest entry, with entries and covering scenarios")
    func backlog() {
        let register = NearMissRegister(
            entries: [entry(1, ["Newsletter"], impact: 1), entry(2, ["newsletter", "firmware"], impact: 5), entry(3, ["door"], impact: 2)],
            scenarios: [.init(id: "nl", title: "Newsletter drill", tags: ["newsletter"])],
            lastDrilled: ["nl": "2026-12-01T00:00:00.000Z"], today: today
        )
        // 2: frequency 2 × impact 5 × fresh 1 = 10; 3: 1 × 2 × never covered 3 = 6; 1: 2 × 1 × 1 = 2.
        #expect(register.ranked.map(\.entry.id) == [2, 3, 1])
        #expect(register.ranked.map(\.priority) == [10, 6, 2])
        let backlog = register.backlog
        // Ties on priority go to the tag with more entries; the spelling is the earliest entry's.
        #expect(backlog.map(\.tag) == ["Newsletter", "firmware", "door"])
        #expect(backlog.map(\.priority) == [10, 10, 6])
        let newsletter = backlog.first { $0.tag == "Newsletter" }
        #expect(newsletter?.entries.map(\.entry.id) == [2, 1] && newsletter?.coveredBy.map(\.scenario) == ["nl"])
    }

    @Test("a submission is trimmed and checked field by field; anonymous keeps no name")
    func submission() throws {
        let good = NearMiss.Submission(title: "  誤った添付ファイル  ", whatHappened: "送信直前に気づいた\r\n二行目", tags: ["newsletter", "ＮＥＷＳＬＥＴＴＥＲ", "mail"],
                                       impact: 3, occurredOn: "2026-12-06")
        let valid = try good.validated(today: today)
        #expect(valid.title == "誤った添付ファイル" && valid.whatHappened == "送信直前に気づいた\n二行目")
        #expect(valid.tags == ["newsletter", "mail"] && valid.name == nil && valid.anonymous)
        func refused(_ change: (inout NearMiss.Submission) -> Void) -> String? {
            var submission = good
            change(&submission)
            do { _ = try submission.validated(today: today); return nil } catch { return error.message }
        }
        #expect(refused { $0.title = " " }?.contains("'title'") == true)
        #expect(refused { $0.title = String(repeating: "あ", count: 201) }?.contains("200") == true)
        #expect(refused { $0.whatHappened = "a\u{7}b" }?.contains("control character") == true)
        #expect(refused { $0.title = "a\nb" }?.contains("'title'") == true)
        #expect(refused { $0.tags = (1...9).map { "t\($0)" } }?.contains("at most 8") == true)
        #expect(refused { $0.tags = [String(repeating: "x", count: 41)] }?.contains("'tags'") == true)
        #expect(refused { $0.impact = 0 }?.contains("'impact'") == true)
        #expect(refused { $0.impact = 6 }?.contains("'impact'") == true)
        #expect(refused { $0.occurredOn = "2026-02-30" }?.contains("'occurred_on'") == true)
        #expect(refused { $0.occurredOn = "2026-12-09" }?.contains("future") == true)
        #expect(refused { $0.name = "田中" }?.contains("anonymous") == true)
        #expect(refused { $0.anonymous = false }?.contains("'name'") == true)
        #expect(refused { $0.anonymous = false; $0.name = "a\u{200B}b" }?.contains("'name'") == true)
        var named = good
        named.anonymous = false
        named.name = " 田中 一郎 "
        #expect(try named.validated(today: today).name == "田中 一郎")
    }

    @Test("calendar days: parsing, arithmetic, months")
    func calendarDays() {
        #expect(CalendarDay("2026-12-07")?.number == 20_794)
        #expect((CalendarDay("2026-03-01")! - 1).description == "2026-02-28")
        #expect((CalendarDay("2024-03-01")! - 1).description == "2024-02-29")
        #expect(CalendarDay("2026-13-01") == nil && CalendarDay("26-12-07") == nil && CalendarDay("２０２６-12-07") == nil)
        #expect(CalendarDay(instant: "2026-12-07T23:59:59.999Z")?.month == "2026-12")
        #expect(CalendarDay.isMonth("2026-11") && !CalendarDay.isMonth("2026-13") && !CalendarDay.isMonth("2026-1"))
    }
}
