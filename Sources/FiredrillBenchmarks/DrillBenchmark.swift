import FiredrillCore
import FiredrillReporting
import FiredrillYAML
import Foundation

/// `firedrill bench`'s drill part: a synthetic scenario of 2,000 injects (with `if` guards and
/// `when` chains) and 200 objectives and a 20,000-line script, at each of `scales` times that
/// size; times validation (YAML parsing included) and replay (script parsing, the engine, the
/// report and its JSON), the best of `repeats`.
public struct DrillBenchmark: Sendable {
    public var scales: [Double]
    public var repeats: Int
    /// Also write each synthetic scenario and script here, to time whole commands.
    public var writeTo: String?
    public var output: BenchmarkOutput

    public init(scales: [Double], repeats: Int, writeTo: String? = nil, output: BenchmarkOutput = .standardOutput) {
        self.scales = scales
        self.repeats = repeats
        self.writeTo = writeTo
        self.output = output
    }

    public func run() throws {
        output("Drill benchmark (best of \(repeats); times in seconds)\n")
        let header = ["scale", "injects", "objectives", "script lines", "YAML bytes", "validate", "replay", "parse/play/report/json", "events"]
        var rows: [[String]] = [header]
        for scale in scales {
            let drill = SyntheticDrill.scaled(scale)
            let yaml = drill.yaml
            let script = drill.script
            if let write = writeTo {
                try FileManager.default.createDirectory(atPath: write, withIntermediateDirectories: true)
                try yaml.write(toFile: "\(write)/synthetic-\(format(scale)).yaml", atomically: true, encoding: .utf8)
                try script.write(toFile: "\(write)/synthetic-\(format(scale)).script", atomically: true, encoding: .utf8)
            }
            let limits = ValidationLimits.scaled(by: max(1, Int(scale.rounded(.up)) * 2))
            let loader = ScenarioLoader(limits: limits)

            var scenario: Scenario?
            let validate = Timing.best(of: repeats) {
                let loaded = loader.load(data: Data(yaml.utf8), path: "synthetic.yaml")
                scenario = loaded.scenario
                if scenario == nil { output(loaded.formattedDiagnostics.prefix(5).joined(separator: "\n") + "\n") }
            }
            guard let scenario else { throw BenchmarkFailure("the synthetic scenario did not validate") }

            var events = 0
            var failure: (any Error)?
            var parts = [Double](repeating: .infinity, count: 4)
            let clock = ContinuousClock()
            let replay = Timing.best(of: repeats) {
                do {
                    var laps: [Duration] = []
                    var start = clock.now
                    func lap() { laps.append(start.duration(to: clock.now)); start = clock.now }
                    let parsed = try ReplayScript.parse(script, for: scenario).get()
                    lap()
                    let engine = try parsed.play(scenario)
                    lap()
                    let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
                    lap()
                    _ = try JSONReportRenderer.render(report)
                    lap()
                    events = engine.events.count
                    for (index, value) in laps.enumerated() { parts[index] = min(parts[index], Timing.seconds(value)) }
                } catch {
                    failure = error
                }
            }
            if let failure { throw BenchmarkFailure("replay failed: \(failure)") }
            rows.append([
                format(scale) + "×", "\(drill.injects)", "\(drill.objectives)", "\(drill.scriptLines)", "\(yaml.utf8.count)",
                String(format: "%.4f", validate), String(format: "%.4f", replay),
                parts.map { String(format: "%.3f", $0) }.joined(separator: "/"), "\(events)",
            ])
        }
        output.table(rows)
        output("Targets at 1× on 2 cores: validate < 0.2 s, replay < 0.5 s; growth about linear.\n")
    }

    func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// A benchmark that could not measure what it set out to (its input did not validate or replay).
public struct BenchmarkFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
