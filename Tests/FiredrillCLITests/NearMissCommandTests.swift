import FiredrillTestSupport
import Foundation
import Testing

/// `firedrill near-miss add|list|backlog` on the same records as the server's register.
@Suite("near-miss commands")
struct NearMissCommandTests {
    @Test("add (anonymous unless named), list by priority as a table and JSON, the backlog; bad input names the option")
    func addListBacklog() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        let anonymous = try CLI.run(["near-miss", "add", "--title", "誤った添付ファイル", "--what", "送信前に気づいた", "--tag", "ＥＭＡＩＬ",
                                     "--tag", "社内wiki", "--impact", "4", "--db", db])
        #expect(anonymous.status == 0 && anonymous.stdout == "near miss 1 recorded (anonymous)\n", "\(anonymous.stderr)")
        let named = try CLI.run(["near-miss", "add", "--title", "Certificate almost expired", "--what", "Found by chance", "--tag", "tls",
                                 "--impact", "2", "--name", "Priya Raman", "--occurred", "2026-01-05", "--db", db])
        #expect(named.status == 0 && named.stdout == "near miss 2 recorded\n", "\(named.stderr)")

        let json = try JSONSerialization.jsonObject(with: Data(try CLI.run(["near-miss", "list", "--format", "json", "--db", db]).stdout.utf8)) as? [[String: Any]]
        let entries = try #require(json)
        // 1: frequency 1 × impact 4 × staleness 3 (its email tag is covered by a bundled scenario never drilled live) = 12.
        #expect(entries.map { $0["id"] as? Int } == [1, 2])
        #expect(entries[0]["priority"] as? Int == 12 && entries[0]["name"] == nil)
        #expect((entries[0]["covered_by"] as? [[String: Any]])?.contains { $0["scenario"] as? String == "newsletter-brochure-leak" } == true)
        #expect(entries[1]["name"] as? String == "Priya Raman" && entries[1]["occurred_on"] as? String == "2026-01-05")

        let table = try CLI.run(["near-miss", "list", "--tag", "TLS", "--db", db]).stdout
        #expect(table.contains("Certificate almost expired") && !table.contains("誤った添付ファイル"), "\(table)")
        let backlog = try CLI.run(["near-miss", "backlog", "--db", db]).stdout
        #expect(backlog.contains("ＥＭＡＩＬ") && backlog.contains("certificate-expiry-3am (never)"), "\(backlog)")
        let csv = try CLI.run(["near-miss", "list", "--format", "csv", "--db", db]).stdout
        #expect(csv.hasPrefix("id,title,what_happened,tags,impact,occurred_on,reported_on,name,frequency,staleness,priority"), "\(csv)")

        for (arguments, message) in [
            (["--impact", "9"], "--impact: 9 is not 1 (minor) to 5 (severe)"),
            (["--impact", "3", "--occurred", "2026-02-30"], "--occurred"),
            (["--impact", "3", "--tag", "a\u{7}"], "--tag"),
        ] {
            let refused = try CLI.run(["near-miss", "add", "--title", "x", "--what", "y", "--db", db] + arguments)
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
        }
        #expect(try CLI.run(["near-miss", "list", "--month", "2026-1", "--db", db]).stderr.contains("yyyy-MM"))
        let count = try JSONSerialization.jsonObject(with: Data(try CLI.run(["near-miss", "list", "--format", "json", "--db", db]).stdout.utf8)) as? [Any]
        #expect(count?.count == 2, "refused entries are not recorded")
    }
}
