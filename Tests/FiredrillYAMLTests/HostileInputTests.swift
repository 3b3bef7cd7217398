import FiredrillCore
import Foundation
import Testing
@testable import FiredrillYAML

/// Broken and hostile files are rejected with a clear message, never a crash or a hang.
/// (How fast is measured by `firedrill bench`, not asserted here.)
@Suite("Hostile input")
struct HostileInputTests {
    func firstError(_ loaded: ScenarioLoader.Loaded) -> String {
        loaded.formattedDiagnostics.first ?? ""
    }

    @Test func syntaxErrorsNameTheirPosition() {
        let loaded = load("firedrill: 1\nid: [unclosed\ntitle: x\n")
        #expect(loaded.scenario == nil)
        #expect(firstError(loaded).hasPrefix("s.yaml:3:"), "\(firstError(loaded))")
        #expect(firstError(loaded).contains("YAML syntax error"))
    }

    @Test func tabsUsedForIndentationAreExplained() {
        let loaded = load("firedrill: 1\nroles:\n\t- id: x\n")
        #expect(firstError(loaded).contains("tabs"), "\(firstError(loaded))")
    }

    @Test func aliasBombIsRejectedBeforeExpansion() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let loaded = load(text)
        #expect(loaded.scenario == nil)
        #expect(firstError(loaded).contains("expands to more than"), "\(firstError(loaded))")
    }

    @Test func deepNestingIsRejectedWithoutRecursing() {
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(firstError(load("firedrill: " + flow)).contains("nested more than"))
        var block = "firedrill: 1\nx:\n"
        for depth in 1...200 { block += String(repeating: " ", count: depth) + "- \n" }
        #expect(firstError(load(block)).contains("nested more than"), "\(firstError(load(block)))")
    }

    @Test func oversizedFilesAreNotRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.yaml").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 50 * 1_048_576) // a sparse 50 MB file
        try handle.close()
        let loaded = ScenarioLoader().load(path: path)
        #expect(loaded.formattedDiagnostics == ["\(path): the file is 50.0 MB; the limit is 4.0 MB"])
    }

    @Test func binaryAndNonUTF8AreNamed() {
        let binary = ScenarioLoader().load(data: Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]), path: "a.out")
        #expect(firstError(binary) == "a.out:1:7: the file contains NUL bytes; it looks like a binary file, not text")
        let latin1 = ScenarioLoader().load(data: Data("firedrill: 1\ntitle: Caf".utf8) + Data([0xE9, 0x0A]), path: "l.yaml")
        #expect(firstError(latin1) == "l.yaml:2:11: the file is not valid UTF-8 (first bad byte here; is it Shift_JIS or Latin-1?); save it as UTF-8")
    }

    @Test func nonMappingsAndEmptyFilesAreExplained() {
        #expect(firstError(load("")).contains("the file is empty"))
        #expect(firstError(load("- a\n- b\n")).contains("the scenario must be a mapping"))
        #expect(firstError(load("just text")).contains("the scenario must be a mapping"))
        #expect(firstError(load("a: 1\n---\nb: 2\n")).contains("a second YAML document"))
    }

    @Test func limitsOnCountsAndTextLength() {
        var limits = ValidationLimits()
        limits.maximumInjects = 1
        #expect(load(validScenario, limits: limits).formattedDiagnostics.contains { $0.contains("'injects' has 2 entries; the limit is 1") })
        let long = validScenario.replacingOccurrences(of: "subject: TLS handshake failures", with: "subject: " + String(repeating: "x", count: 600))
        #expect(load(long).formattedDiagnostics.contains { $0.contains("'subject' is 610 characters long; the limit is 500") || $0.contains("the limit is 500") })
    }

    @Test func duplicateKeysAreReported() {
        let text = validScenario.replacingOccurrences(of: "title: Certificate expires at 3 a.m.", with: "title: A\ntitle: B")
        #expect(firstError(load(text)).contains("duplicate key 'title'"), "\(firstError(load(text)))")
    }

    @Test func directoriesAndMissingFilesAreNamed() {
        #expect(ScenarioLoader().load(path: "/nonexistent/x.yaml").formattedDiagnostics == ["/nonexistent/x.yaml: no such file"])
        #expect(ScenarioLoader().load(path: "/tmp").formattedDiagnostics.first?.contains("is a directory") == true)
        #expect(ScenarioLoader().load(path: "/dev/zero").formattedDiagnostics.first?.contains("not a regular file") == true)
    }
}
