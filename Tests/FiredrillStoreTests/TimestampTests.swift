import Foundation
@testable import FiredrillStore
import Testing

@Suite("Stored instants and days")
struct TimestampTests {
    static let epoch = Date(timeIntervalSince1970: 1_795_320_062)

    @Test("instants are ISO-8601 UTC with milliseconds, truncated, and read back exactly")
    func instants() throws {
        #expect(Timestamp.string(from: Self.epoch) == "2026-11-22T04:01:02.000Z")
        #expect(Timestamp.string(from: Self.epoch.addingTimeInterval(0.1239)) == "2026-11-22T04:01:02.123Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        for milliseconds in stride(from: Int64(1_700_000_000_000), to: 1_700_000_000_000 + 5_000, by: 7) {
            let text = Timestamp.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            let date = try #require(Timestamp.date(from: text))
            #expect(Timestamp.string(from: date) == text)
        }
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(Timestamp.date(from: "2026-11-22T04:01:02.123Z") == reference.date(from: "2026-11-22T04:01:02.123Z"))
        #expect(Timestamp.date(from: "2026-11-22 04:01:02.123") == nil)
        #expect(Timestamp.date(from: "2026-02-30T04:01:02.123Z") == nil)
    }

    @Test("days are yyyy-MM-dd calendar days")
    func days() {
        #expect(Timestamp.isValidDay("2028-02-29"))
        #expect(!Timestamp.isValidDay("2026-02-29"))
        #expect(!Timestamp.isValidDay("2026-13-01"))
        #expect(!Timestamp.isValidDay("2026-1-01"))
        #expect(Timestamp.day(of: Self.epoch, in: TimeZone(secondsFromGMT: 0)!) == "2026-11-22")
        #expect(Timestamp.day(of: Self.epoch, in: TimeZone(secondsFromGMT: -5 * 3600)!) == "2026-11-21")
    }
}
