import CSV
import FiredrillTestSupport
import Foundation
@testable import FiredrillSQLite
import Testing

/// Wrong results and crashes found by trying firedrill as its users (and attackers) would,
/// checked through the executable.
@Suite("Hardening, through the executable")
struct HardeningCommandTests {
    static let scenario = CLI.packageRoot.appendingPathComponent("scenarios/newsletter-brochure-leak.yaml").path
    static let script = CLI.packageRoot.appendingPathComponent("scenarios/scripts/newsletter-brochure-leak.script").path

    func write(_ text: String, to name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("a script saved with CRLF or CR scores exactly as with LF", arguments: ["\r\n", "\r"])
    func scriptLineEndings(terminator: String) throws {
        let directory = try CLI.temporaryDirectory()
        let original = try String(contentsOfFile: Self.script, encoding: .utf8)
        let converted = try write(original.replacingOccurrences(of: "\n", with: terminator), to: "crlf.script", in: directory)
        let expected = try CLI.run(["replay", Self.scenario, Self.script])
        let result = try CLI.run(["replay", Self.scenario, converted])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected.stdout)
        #expect((try CLI.json(result.stdout)["score"] as? Double ?? 0) > 50)
        // A bad line keeps its number.
        let broken = try write("00:10 promotion ack\r\n00:20 nobody ack\r\n", to: "bad.script", in: directory)
        let error = try CLI.run(["replay", Self.scenario, broken])
        #expect(error.status == 2)
        #expect(error.stderr.hasPrefix("\(broken):2: unknown role 'nobody'"), "\(error.stderr)")
    }

    @Test("scripts that are not regular UTF-8 files are refused at once, naming the problem and its place")
    func badScriptFiles() throws {
        let directory = try CLI.temporaryDirectory()
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let loop = directory.appendingPathComponent("loop1").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: directory.appendingPathComponent("loop2").path)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("loop2").path, withDestinationPath: loop)
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("00:10 promotion ack\n".data(using: .utf16LittleEndian)!)
        try utf16.write(to: directory.appendingPathComponent("utf16.script"))
        try Data("00:10 promotion ack\n00:20 promotion do caf\u{E9}".utf8.map { $0 == 0xC3 ? 0xE9 : $0 }.filter { $0 != 0xA9 })
            .write(to: directory.appendingPathComponent("latin1.script"))
        try Data("00:10 promotion ack\n00:20 promotion do a\u{0}b\n".utf8).write(to: directory.appendingPathComponent("nul.script"))
        let cases: [(String, String)] = [
            (fifo, "\(fifo): is a pipe (FIFO), not a regular file"),
            (directory.path, "\(directory.path): is a directory"),
            (loop, "\(loop): is a loop of symbolic links"),
            (directory.appendingPathComponent("missing").path, "missing: no such file"),
            (directory.appendingPathComponent("utf16.script").path, "utf16.script:1:1: the file is UTF-16 text"),
            (directory.appendingPathComponent("latin1.script").path, "latin1.script:2:23: the file is not valid UTF-8"),
            (directory.appendingPathComponent("nul.script").path, "nul.script:2:21: the file contains NUL bytes"),
        ]
        for (path, message) in cases {
            let result = try CLI.run(["replay", Self.scenario, path])
            #expect(result.status == 2, "\(path): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains("USAGE"), "no usage text for a bad file: \(result.stderr)")
        }
    }

    @Test("a script over the size limit is refused without being read")
    func hugeScript() throws {
        let directory = try CLI.temporaryDirectory()
        let url = directory.appendingPathComponent("big.script")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 50 * 1_048_576)
        try handle.close()
        let result = try CLI.run(["replay", Self.scenario, url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the file is 50.0 MB; the limit is 16.0 MB"), "\(result.stderr)")
    }

    @Test("a scenario that would print escape sequences is refused; a typed escape is not recorded")
    func controlCharacters() throws {
        let directory = try CLI.temporaryDirectory()
        let original = try String(contentsOfFile: Self.scenario, encoding: .utf8)
        let title = try #require(original.split(separator: "\n").first { $0.hasPrefix("title: ") })
        let bad = try write(original.replacingOccurrences(of: title, with: "title: \"\\e[2J pwned\""), to: "esc.yaml", in: directory)
        let validate = try CLI.run(["validate", bad])
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("U+001B (ESC)"), "\(validate.stderr)")

        let out = try CLI.temporaryDirectory()
        let run = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--speed", "1", "--out", out.path], input: "say \u{1B}[2Jhello\n/end\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("U+001B (ESC)"))
        #expect(!run.stdout.contains("\u{1B}"))
        let report = try CLI.json(try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8))
        #expect((report["drill"] as? [String: Any])?["actions"] as? Int == 0)
    }

    @Test("terminal input with CRLF line endings: every action and survey answer counts")
    func terminalCRLF() throws {
        let out = try CLI.temporaryDirectory()
        let result = try CLI.run(
            ["run", CLI.fixture("certificate.yaml"), "--speed", "1", "--out", out.path],
            input: "ack seen\r\nescalate boss via phone down\r\n/end\r\n4\r\n"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("✓ ops: ack seen"))
        #expect(result.stdout.contains("✓ ops: escalate boss via phone down"))
        let report = try CLI.json(try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8))
        #expect((report["drill"] as? [String: Any])?["actions"] as? Int == 2)
        let survey = try #require(report["survey"] as? [[String: Any]])
        #expect(survey.first?["answers"] as? [Int] == [4])
    }

    @Test("a command that only reads creates nothing: a typo in --db is an error")
    func readingCommandsCreateNothing() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("typo/fd.sqllite").path
        for arguments in [["history"], ["trends"], ["verify"], ["actions", "list"], ["show", "r-1"]] {
            let result = try CLI.run(arguments + ["--db", path])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("there is no firedrill database at '\(path)'"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("typo").path))
        // The default database, before anything was recorded, is simply empty.
        let fresh = try CLI.run(["history", "--format", "json"], environment: ["FIREDRILL_DB": "", "XDG_DATA_HOME": directory.path])
        #expect(fresh.status == 0 && fresh.stdout == "[\n\n]\n", "\(fresh.stdout) \(fresh.stderr)")
    }

    @Test("an empty file is not taken over as a database")
    func emptyDatabaseFile() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: path, contents: Data())
        let result = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'\(path)' is an empty file, not a firedrill database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test("a replay recorded on a full disk leaves no run behind and names the database")
    func fullDisk() throws {
        // A disk of 400 kB: needs root (or CAP_SYS_ADMIN) to mount, as CI has; elsewhere it fails, never skips.
        let mount = try ScratchMount(size: "400k")
        defer { mount.unmount() }
        let mountPoint = mount.path
        let db = mountPoint + "/f.sqlite"
        #expect(try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).status == 0)
        let filler = mountPoint + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
        try? handle.close()
        let result = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the disk holding the database '\(db)' is full"), "\(result.stderr)")
        try FileManager.default.removeItem(atPath: filler)
        let history = try CLI.json("{\"rows\": \(try CLI.run(["history", "--format", "json", "--db", db]).stdout)}")
        #expect((history["rows"] as? [Any])?.count == 1)
    }

    @Test("a damaged run never fails a listing of all runs: history warns, export goes on")
    func damagedRunsDoNotFailListings() throws {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("d.sqlite").path
        let good = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let bad = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try CLI.system(["sqlite3", db, "UPDATE run SET score = 9e999, scenario_source = 'firedrill: 2' WHERE id = '\(bad)'"]) == 0)
        let history = try CLI.run(["history", "--format", "json", "--db", db])
        #expect(history.status == 0, "\(history.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.first { $0["run_id"] as? String == bad }?["score"] is NSNull)
        #expect(history.stderr.contains("run \(bad): its record is damaged"))
        let out = directory.appendingPathComponent("export").path
        let export = try CLI.run(["export", "--out", out, "--db", db])
        #expect(export.status == 1)
        #expect(export.stderr.contains("run \(bad)"), "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/\(good).json"))
        #expect(try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).contains(good))
    }

    @Test("a corrective action with line breaks stays one CSV record")
    func csvLineBreaks() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("c.sqlite").path
        let run = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let add = try CLI.run([
            "actions", "add", "--run", run, "--issue", "first line\r\nsecond line", "--action", "Update the\nchecklist",
            "--capability", "Planning", "--org", "Marketing", "--db", db,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        let csv = try CLI.run(["actions", "list", "--format", "csv", "--db", db]).stdout
        let reader = try CSVReader(string: csv)
        var records: [[String]] = []
        while let row = reader.next() { records.append(row) }
        #expect(records.count == 2, "\(csv)")
        // CRLF is read as a line break like LF, and the field stays one quoted CSV field.
        #expect(records.last?[3] == "first line\nsecond line")
        #expect(csv.contains("\"first line\nsecond line\""))
        #expect(csv.contains("\"Update the\nchecklist\""))
        // In the table, each action stays on one line.
        let listed = try CLI.run(["actions", "list", "--db", db]).stdout
        #expect(listed.split(separator: "\n").count == 2, "\(listed)")
        #expect(listed.contains("Update the ⏎ checklist"))
    }

    @Test("corrective actions refuse escape sequences, and a stored one is shown harmlessly")
    func correctiveActionControlCharacters() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("c.sqlite").path
        let run = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let add = try CLI.run([
            "actions", "add", "--run", run, "--issue", "Slow", "--action", "Clear\u{1B}[2J the screen",
            "--capability", "Planning", "--org", "Support", "--db", db,
        ])
        #expect(add.status != 0)
        #expect(add.stderr.contains("U+001B (ESC)"), "\(add.stderr)")
        // A value written into the database by other means cannot act on the terminal.
        #expect(try CLI.system(["sqlite3", db, "INSERT INTO corrective_action (run_id, issue, corrective_action, capability, responsible_org, status, created_at) VALUES ('\(run)', 'x', 'wipe' || char(27) || '[2J', 'Planning', 'Ops', 'open', '2026-12-01T00:00:00.000Z')"]) == 0)
        let listed = try CLI.run(["actions", "list", "--db", db])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(!listed.stdout.contains("\u{1B}"))
        #expect(listed.stdout.contains("wipe␛[2J"))
    }

    @Test("an archived copy that cannot be written can be verified and listed")
    func readOnlyArchive() throws {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("live.sqlite").path
        let run = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let archive = directory.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let copy = archive.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: archive.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: archive.path) }
        // Root writes files whatever their bits: it runs the commands as 'nobody' instead.
        let asNobody = FilePermissions.areEnforced
            ? [CLI.executable.path]
            : ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.executable.path]
        let verify = try CLI.runExecutable(asNobody + ["verify", "--db", copy])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("\(run): ok"))
        let add = try CLI.runExecutable(asNobody + ["actions", "add", "--run", run, "--issue", "x", "--action", "y", "--capability", "Planning", "--org", "Ops", "--db", copy])
        #expect(add.status == 1)
        #expect(add.stderr.contains("read-only"), "\(add.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path) == ["copy.sqlite"])
    }

    @Test("while another process writes, readers read at once and a writer gives up once, after the documented 10 s")
    func busyDatabase() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("busy.sqlite").path
        let run = try CLI.run(["replay", Self.scenario, Self.script, "--record", "--db", db]).stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        // sqlite3 takes the write lock and keeps it until its input says otherwise.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", db]
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try CLI.exclusive { try holder.run() }
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nUPDATE run SET scenario_path = 'x';\nSELECT 'held';\n".utf8))
        var answer = Data()
        while !String(decoding: answer, as: UTF8.self).contains("held") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            answer.append(chunk)
        }
        #expect(String(decoding: answer, as: UTF8.self).contains("held"))
        defer {
            input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        // The lock is held once sqlite3 answered its SELECT; a writer then waits for it.
        let reader = try CLI.run(["history", "--db", db])
        #expect(reader.status == 0 && reader.stdout.contains(run), "\(reader.stderr)")
        let writer = try CLI.run(["actions", "add", "--run", run, "--issue", "x", "--action", "y", "--capability", "Planning", "--org", "Ops", "--db", db])
        #expect(writer.status == 1)
        #expect(writer.stderr.contains("locked for more than 10 seconds"), "\(writer.stderr)")
        // Opening and writing share one deadline (AppDatabase.open), so the command gives up
        // once, with one message.
        #expect(writer.stderr.components(separatedBy: "locked for more than").count == 2, "\(writer.stderr)")
    }
}
