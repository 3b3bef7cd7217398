import ArgumentParser
import AsyncHTTPClient
import FiredrillClient
import FiredrillCore
import FiredrillVocabulary
import FiredrillWire
import Foundation

extension Firedrill {
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play your role in a drill on a firedrill server, from this terminal.",
            discussion: """
            The same drill as 'firedrill run' shows it, for one participant: the injects to \
            your roles as they arrive, escalations and replies addressed to them, and the same \
            commands (ack, escalate, do, say, report, resolve, '@role', /status, /help; /quit \
            leaves). Your roles come from your token; the trainer starts, pauses and ends the \
            drill. If the connection drops, firedrill reconnects and catches up on what you \
            missed. After the end, it asks the survey.

            Give the sign-in link the trainer sent you (http://HOST:PORT/join/TOKEN), or the \
            server's address and --token (or $FIREDRILL_TOKEN).
            """
        )

        @Argument(help: "The sign-in link (http://HOST:PORT/join/TOKEN), or the server's address.")
        var url: String

        @Option(help: "Your player token (default: the one in the link, else $FIREDRILL_TOKEN).")
        var token: String?

        @Option(help: "Your name, shown to the trainer (never in reports).")
        var name: String?

        @OptionGroup var look: TerminalLookOptions

        func run() async throws {
            let (base, linkToken) = try Self.parse(url)
            guard let token = token ?? linkToken ?? ProcessInfo.processInfo.environment["FIREDRILL_TOKEN"], !token.isEmpty else {
                throw ValidationError("give your token: the sign-in link http://HOST:PORT/join/TOKEN, --token, or $FIREDRILL_TOKEN")
            }
            let client = DrillClient(http: HTTPClient.shared, base: base, token: token)
            let session = try await Self.remote { try await client.session() }
            guard session.kind == "player", let drillID = session.drillID, !session.roles.isEmpty else {
                throw CLIError("this is a \(session.kind) token: 'firedrill join' plays a role, with a player token (the trainer hands them out per role)")
            }
            let drill = try await Self.remote { try await client.drill(drillID) }
            if let name { try await Self.remote { try await client.setName(drill: drillID, name) } }

            let presenter = TerminalPresenter(
                scenario: drill.playerScenario, playedRoles: Set(drill.myRoles), style: TerminalStyle(mode: look.color),
                language: look.language, steers: false
            )
            let console = TerminalConsole.standard(prompt: presenter.prompt(role: drill.myRoles[0]))
            console.show(presenter.banner(speed: drill.speed))
            console.show(presenter.strings[.joined, ["title": drill.title, "server": base]])
            if drill.status == .ready { console.show(presenter.strings[.waitingForTrainer]) }
            let terminal = TerminalDrill(presenter: presenter, console: console, playedRoles: drill.myRoles)
            let control = RemoteDrillControl(client: client, drillID: drillID)

            let ended = await withTaskGroup(of: Bool.self) { group in
                group.addTask { await Self.follow(client: client, drillID: drillID, presenter: presenter, console: console) }
                group.addTask {
                    _ = await terminal.readInput(control)
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            if ended {
                try await terminal.askSurvey(control)
                try await terminal.askQuiz(control)
                console.close()
                Console.out("\n" + presenter.strings[.thanks] + "\n")
            } else {
                console.close()
                Console.out("\n" + presenter.strings[.leftDrill] + "\n")
            }
        }

        /// Shows the drill's events as they come, reconnecting after `Last-Event-ID` when the
        /// connection drops (and saying so); `true` once the drill has ended.
        static func follow(client: DrillClient, drillID: String, presenter: TerminalPresenter, console: TerminalConsole) async -> Bool {
            var lastSeen: Int? = nil
            var lost = false
            var delay = Duration.seconds(1)
            while !Task.isCancelled {
                do {
                    for try await item in try await client.events(drill: drillID, after: lastSeen) {
                        switch item {
                        case .comment(let text):
                            if text == "caught up" && lost {
                                console.show(presenter.strings[.reconnected])
                                lost = false
                                delay = .seconds(1)
                            }
                        case .message(let id, _, let data):
                            guard let seq = id.flatMap({ Int($0) }), seq > (lastSeen ?? -1),
                                  let view = EventView(json: Data(data.utf8)) else { continue }
                            lastSeen = seq
                            if let text = presenter.render(view) { console.show(text) }
                            if view.type == "ended" { return true }
                        }
                    }
                } catch let failure as DrillClient.Failure where failure.status == 401 || failure.status == 404 {
                    console.show(presenter.strings[.notRecorded, ["why": failure.message]])
                    return false
                } catch {
                    if Task.isCancelled { return false }
                }
                if !lost {
                    console.show(presenter.strings[.connectionLost])
                    lost = true
                }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(8))
            }
            return false
        }

        /// The server's base address and the token, from a sign-in link or an address.
        static func parse(_ url: String) throws -> (base: String, token: String?) {
            guard let components = URLComponents(string: url.trimmingCharacters(in: .whitespaces)),
                  let scheme = components.scheme, scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
                throw ValidationError("'\(url)' is not a server address or sign-in link (http://HOST:PORT or http://HOST:PORT/join/TOKEN)")
            }
            var base = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
            if let port = components.port { base += ":\(port)" }
            let parts = components.path.split(separator: "/")
            guard let join = parts.firstIndex(of: "join") else {
                return (base + (parts.isEmpty ? "" : "/" + parts.joined(separator: "/")), nil)
            }
            let prefix = parts[..<join]
            let token = join + 1 < parts.count ? String(parts[join + 1]) : nil
            return (base + (prefix.isEmpty ? "" : "/" + prefix.joined(separator: "/")), token)
        }

        /// Runs a call to the server, turning its failure into the command's error message.
        static func remote<T>(_ body: () async throws -> T) async throws -> T {
            do {
                return try await body()
            } catch let failure as DrillClient.Failure {
                throw CLIError(failure.message)
            }
        }
    }
}
