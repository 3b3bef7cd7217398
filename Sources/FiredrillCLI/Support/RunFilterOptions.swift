import ArgumentParser
import FiredrillCore

extension Language: ExpressibleByArgument {}

/// `--scenario`, `--since` and `--until`: which recorded runs a command looks at.
struct RunFilterOptions: ParsableArguments {
    @Option(help: "Only this scenario id.")
    var scenario: String?

    @Option(help: "Only runs started on or after this date (yyyy-MM-dd, UTC) or instant (ISO-8601).")
    var since: DateOption?

    @Option(help: "Only runs started on or before this date (yyyy-MM-dd, the whole day) or instant.")
    var until: DateOption?
}

/// `--as`, `--out`, `--color` and `--lang`: how a terminal drill is shown and where its
/// reports go.
struct TerminalOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Roles played at this terminal, comma-separated (default: every role without a persona, or a resumed run's roles).")
    var roles: String?

    @Option(help: "Directory for the reports (default: reports/<scenario>-<run>).")
    var out: String?

    @OptionGroup var look: TerminalLookOptions
}

/// `--color` and `--lang`: how a terminal shows a drill, played here or joined over the network.
struct TerminalLookOptions: ParsableArguments {
    @Option(help: "Colour: auto, always or never.")
    var color: TerminalStyle.Mode = .auto

    @Option(name: .customLong("lang"), help: "Language of the terminal: en or ja (default: the scenario's language).")
    var language: Language?
}
