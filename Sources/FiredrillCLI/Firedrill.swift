import ArgumentParser

/// The `firedrill` command.
public struct Firedrill: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "firedrill",
        abstract: "Incident-response drills: validate scenarios, run drills, replay and score them.",
        version: "0.1.0",
        subcommands: [
            Validate.self,
            Run.self,
            Resume.self,
            Replay.self,
            Show.self,
            Verify.self,
            History.self,
            Trends.self,
            Actions.self,
            NearMisses.self,
            Export.self,
            Store.self,
            MSEL.self,
            Serve.self,
            Join.self,
            Bench.self,
        ]
    )

    public init() {}
}

extension Firedrill {
    /// Parses the process arguments and runs the command (the executable's whole job).
    public static func runFromCommandLine() async {
        await main()
    }
}
