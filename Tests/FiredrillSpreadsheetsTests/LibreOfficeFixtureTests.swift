import FiredrillCore
import FiredrillYAML
import Foundation
import Testing
@testable import FiredrillSpreadsheets

/// Files saved by LibreOffice (see Fixtures/README.md): a workbook `msel export` wrote,
/// opened and saved again, reads back as the same scenario; its MSEL saved as Shift_JIS CSV
/// keeps every inject.
@Suite("Saved by LibreOffice")
struct LibreOfficeFixtureTests {
    static func fixture(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
    }

    static func scenario() throws -> Scenario {
        try #require(ScenarioLoader().load(path: try fixture("libreoffice-fixture", "yaml").path).scenario)
    }

    @Test("a workbook LibreOffice saved again is the same scenario")
    func workbook() throws {
        let data = try Data(contentsOf: try Self.fixture("libreoffice-saved", "xlsx"))
        let result = MSELImport.read(data, fileName: "libreoffice-saved.xlsx")
        #expect(result.formattedProblems == [])
        #expect(try #require(result.scenario) == (try Self.scenario()))
    }

    @Test("its MSEL as LibreOffice's Shift_JIS CSV keeps every inject")
    func csv() throws {
        let data = try Data(contentsOf: try Self.fixture("libreoffice-saved-sjis", "csv"))
        let result = MSELImport.read(data, fileName: "libreoffice-saved-sjis.csv")
        #expect(result.encoding == .windows31J)
        #expect(result.problems.filter(\.isError) == [])
        let back = try #require(result.scenario, "\(result.formattedProblems)")
        #expect(back.injects == (try Self.scenario()).injects)
    }
}
