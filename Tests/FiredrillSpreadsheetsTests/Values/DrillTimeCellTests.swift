import Testing
@testable import FiredrillSpreadsheets

/// Drill times as planners write them in a cell, and as Excel stores time cells.
@Suite("Times in cells")
struct DrillTimeCellTests {
    static func seconds(_ text: String) -> Int64? { try? DrillTimeCell.seconds(text).get() }

    @Test("clock forms: mm:ss and h:mm:ss", arguments: [
        ("15:00", 900), ("0:15:00", 900), ("1:30:00", 5400), ("90:00", 5400), ("0:00:45", 45), ("０：１５：００", 900),
    ] as [(String, Int64)])
    func clocks(_ text: String, _ expected: Int64) {
        #expect(Self.seconds(text) == expected, "\(text)")
    }

    @Test("durations: 90s, 5m, 1h30m, Japanese (5分後, 開始 1時間後 too), and +15m", arguments: [
        ("90s", 90), ("5m", 300), ("1h30m", 5400), ("2m30s", 150), ("20分", 1200), ("1時間半", 5400), ("+15m", 900), ("+0:15:00", 900),
        ("5分後", 300), ("開始 1時間後", 3600), ("開始1時間30分後", 5400),
    ] as [(String, Int64)])
    func durations(_ text: String, _ expected: Int64) {
        #expect(Self.seconds(text) == expected, "\(text)")
    }

    @Test("T+15 is minutes; T+ before another form", arguments: [
        ("T+15", 900), ("T+0", 0), ("t + 90", 5400), ("T+1h", 3600), ("T+0:15:00", 900), ("Ｔ＋１５", 900),
    ] as [(String, Int64)])
    func tPlus(_ text: String, _ expected: Int64) {
        #expect(Self.seconds(text) == expected, "\(text)")
    }

    @Test("D+0 H+1 M+30: days, hours, minutes", arguments: [
        ("D+0 H+1 M+30", 5400), ("D+1 H+0 M+0", 86_400), ("H+2", 7200), ("M+45", 2700), ("d+0 h+0 m+5", 300), ("D+0H+1M+30", 5400),
    ] as [(String, Int64)])
    func dayHourMinute(_ text: String, _ expected: Int64) {
        #expect(Self.seconds(text) == expected, "\(text)")
    }

    @Test("a time cell saved as text on a 12-hour clock", arguments: [
        ("12:15:00 AM", 900), ("1:30:00 PM", 48_600), ("午前 0:15:00", 900), ("12:02 AM", 120),
    ] as [(String, Int64)])
    func twelveHour(_ text: String, _ expected: Int64) {
        #expect(Self.seconds(text) == expected, "\(text)")
    }

    @Test("refused, with a message that says what to write", arguments: [
        "15", "1:70", "soon", "T+", "M+30 H+1", "D+x", "-5m", "1.5h", "",
    ])
    func refused(_ text: String) throws {
        let result = DrillTimeCell.seconds(text)
        guard case .failure(let problem) = result else {
            Issue.record("\(text) read as \(result)")
            return
        }
        #expect(problem.message.contains("T+15") || problem.message.contains("no unit"), "\(problem.message)")
    }

    @Test("a bare number has no unit: minutes or seconds is not guessed")
    func bareNumber() throws {
        guard case .failure(let problem) = DrillTimeCell.seconds("15") else { Issue.record("15 was read"); return }
        #expect(problem.message == "\"15\" has no unit; write 15m for minutes, 15s for seconds, or T+15")
    }

    @Test("Excel time cells: a day fraction, rounded to the second; dates and plain numbers refused")
    func excelCells() throws {
        // 0:15:00 as Excel stores it.
        #expect(try DrillTimeCell.seconds(.number(0.010416666666666666, format: .time)).get() == 900)
        #expect(try DrillTimeCell.seconds(.number(0.0104166, format: .time)).get() == 900)
        // [h]:mm:ss beyond a day.
        #expect(try DrillTimeCell.seconds(.number(1.5, format: .time)).get() == 129_600)
        // A time without a day in a date-and-time format (built-in 22) is a time.
        #expect(try DrillTimeCell.seconds(.number(0.25, format: .date)).get() == 21_600)
        guard case .failure(let date) = DrillTimeCell.seconds(.number(45_000.5, format: .date)) else { Issue.record("a date was read"); return }
        #expect(date.message.contains("is a date"))
        guard case .failure(let plain) = DrillTimeCell.seconds(.number(15, format: .general)) else { Issue.record("15 was read"); return }
        #expect(plain.message.contains("has no unit") && plain.message.contains("15m"))
        guard case .failure = DrillTimeCell.seconds(.bool(true)) else { Issue.record("TRUE was read"); return }
    }

    @Test("written back as the scenario format writes durations")
    func durationText() {
        #expect(DrillTimeCell.durationText(0) == "0s")
        #expect(DrillTimeCell.durationText(900) == "15m")
        #expect(DrillTimeCell.durationText(5400) == "1h30m")
        #expect(DrillTimeCell.durationText(3725) == "1h2m5s")
        #expect(ExcelTime.clock(3725) == "1:02:05")
        #expect(ExcelTime.clock(90_000) == "25:00:00")
    }
}
