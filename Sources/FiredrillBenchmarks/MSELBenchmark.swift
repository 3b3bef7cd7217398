import FiredrillCore
import FiredrillSpreadsheets
import FiredrillYAML
import Foundation

/// `firedrill bench msel`: a synthetic Japanese MSEL of 5,000 injects written by `msel export`
/// as a workbook and as Shift_JIS CSV (as Japanese Excel saves it), and the time to import
/// each, the best of `repeats`. The files can be written out to time whole processes
/// (`/usr/bin/time -v firedrill msel import …`).
public struct MSELBenchmark: Sendable {
    public var injects: Int
    public var repeats: Int
    /// Also write the workbook and the CSV file here.
    public var writeTo: String?
    public var output: BenchmarkOutput

    public init(injects: Int = 5_000, repeats: Int = 3, writeTo: String? = nil, output: BenchmarkOutput = .standardOutput) {
        self.injects = injects
        self.repeats = repeats
        self.writeTo = writeTo
        self.output = output
    }

    public func run() throws {
        let scenario = Self.scenario(injects: injects)
        var workbook = Data()
        let export = try Timing.best(of: repeats) { workbook = try MSELExport.write(scenario, format: .xlsx, language: .japanese).data }
        let csv = try Self.shiftJISCSV(scenario)
        let names = (xlsx: "msel-\(injects).xlsx", csv: "msel-\(injects)-sjis.csv")
        if let writeTo {
            try FileManager.default.createDirectory(atPath: writeTo, withIntermediateDirectories: true)
            try workbook.write(to: URL(fileURLWithPath: writeTo).appendingPathComponent(names.xlsx))
            try csv.write(to: URL(fileURLWithPath: writeTo).appendingPathComponent(names.csv))
            output("wrote \(writeTo)/\(names.xlsx) and \(writeTo)/\(names.csv)\n")
        }
        var rows = [["file", "bytes", "injects", "import (s)", "of which: text conversion", "loader", "problems"]]
        for (name, data) in [(names.xlsx, workbook), (names.csv, csv)] {
            var result: MSELImport.Result?
            let seconds = Timing.best(of: repeats) { result = MSELImport.read(data, fileName: name) }
            guard let result, let imported = result.scenario else {
                throw BenchmarkFailure("\(name) did not import: \(result?.formattedProblems.prefix(5).joined(separator: "; ") ?? "")")
            }
            guard imported.injects.count == injects else { throw BenchmarkFailure("\(name) imported \(imported.injects.count) injects") }
            // The two steps of the scenario text's own code, timed alone on the text they made.
            let yaml = result.yaml ?? ""
            let conversion = try Timing.best(of: repeats) { _ = try ScenarioTextConversion.convert(yaml, to: .yaml) }
            let loading = Timing.best(of: repeats) { _ = ScenarioLoader().load(data: Data(yaml.utf8), path: name + ".yaml") }
            rows.append([name, "\(data.count)", "\(imported.injects.count)", String(format: "%.3f", seconds),
                         String(format: "%.3f", conversion), String(format: "%.3f", loading), "\(result.problems.count)"])
        }
        output("MSEL benchmark (best of \(repeats); export of the workbook \(String(format: "%.3f", export)) s)\n")
        output.table(rows)
        output("Target for each whole import process on 2 cores: under 1 s and 256 MB (measure with /usr/bin/time -v).\n")
    }

    /// The MSEL sheet as Japanese Excel saves CSV: Windows-31J, no byte-order mark.
    static func shiftJISCSV(_ scenario: Scenario) throws -> Data {
        let utf8 = try MSELExport.write(scenario, format: .csv, language: .japanese).data
        guard let data = String(decoding: utf8.dropFirst(3), as: UTF8.self).data(using: .shiftJIS) else {
            throw BenchmarkFailure("the CSV text cannot be written in Shift_JIS")
        }
        return data
    }

    /// A drill of `injects` injects over 20 played and 4 simulated roles: times every 10
    /// seconds, every fourth inject triggered by the delivery of the one before, every fifth
    /// guarded; Japanese subjects and bodies (with ①, ㈱ and 髙); 200 objectives.
    static func scenario(injects count: Int) -> Scenario {
        let players = (1...20).map { Role(id: "team-\($0)", name: "チーム\($0)", department: "第\($0 % 5 + 1)部") }
        let personas = (1...4).map { Role(id: "persona-\($0)", name: "部長 髙橋\($0)", persona: Persona(channels: ["phone"], delay: .seconds(Int64(60 * $0)), reply: "了解しました。")) }
        let channels = ["chat", "email", "phone", "monitoring", "ticket"]
        let duration = DrillTime.seconds(Int64(max(3600, count * 10)))
        var injects: [Inject] = []
        for index in 0..<count {
            let id = "inject-\(index + 1)"
            let trigger: Inject.Trigger = index % 4 == 3
                ? .when(.delivered("inject-\(index)"), delay: .seconds(Int64(index % 60)))
                : .at(.seconds(Int64(index * 10)))
            injects.append(Inject(
                id: id, to: index % 7 == 0 ? .all : .roles([players[index % 20].id, players[(index + 3) % 20].id]),
                channel: channels[index % channels.count],
                subject: "①号機 障害通知 \(index + 1)（㈱ハコビ）",
                body: "監視システムより：サーバ\(index % 17) の応答が遅延しています。\n髙橋さんへ確認し、影響範囲を共有してください。",
                from: index % 3 == 0 ? "監視システム" : nil, trigger: trigger,
                guardCondition: index % 5 == 4 ? .not(.delivered("inject-\(index / 2 + 1)")) : nil,
                expect: index % 2 == 0 ? "受領し、調査を始める。" : nil
            ))
        }
        let kinds = ActionKind.allCases
        let objectives = (1...min(200, max(1, count / 25))).map { index -> Objective in
            let kind = kinds[index % kinds.count]
            return Objective(
                id: "objective-\(index)", name: "目標\(index)", kind: kind, from: "inject-\((index * 8) % count + 1)",
                target: .seconds(Int64(300 + index % 600)), limit: .seconds(Int64(1200 + index % 900)), weight: Double(1 + index % 3),
                to: kind == .escalate ? personas[index % 4].id : nil,
                match: [.action, .communicate, .report, .resolve].contains(kind) ? ["キーワード\(index % 50)", "報告"] : []
            )
        }
        return Scenario(
            id: "synthetic-msel-\(count)", title: "合成 MSEL（\(count) 件）", language: "ja", duration: duration, channels: channels,
            roles: players + personas, injects: injects, objectives: objectives
        )
    }
}
