import ArgumentParser
import FiredrillServer
import FiredrillStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

extension Firedrill {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve live drills over HTTP: the API, event streams and sign-in links, until SIGINT or SIGTERM.",
            discussion: """
            Several drills run at once, recorded in the same database as every other command. \
            The trainer's token is $FIREDRILL_TRAINER_TOKEN (at least 32 characters) or, when \
            that is not set, a new one printed once at start as a sign-in link. Drills left \
            unfinished by an earlier server (a crash, a kill, a shutdown) are offered again, \
            paused where they stopped; the trainer resumes them. The API is described at \
            /openapi.json; health at /healthz, Prometheus figures at /metrics.

            On PostgreSQL (--db postgres://…) any number of servers share the database behind \
            a load balancer, all with the same FIREDRILL_TRAINER_TOKEN: each drill runs on one \
            of them (the holder of its lease), every server answers every request and streams \
            every drill, and when a server stops, another takes its drills over within a few \
            seconds of their leases expiring and lets them go on by themselves (the report \
            shows the interruption).
            """
        )

        @Option(help: "The address to listen on (0.0.0.0 for every interface).")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port, printed at start).")
        var port = 8080

        @Option(help: "The address participants open, for the links the server prints and hands out (default http://HOST:PORT).")
        var publicURL: String?

        @Option(help: "Seconds a client has to send a request's body after its head; a slower one is disconnected.")
        var bodyTimeout = 60

        @Option(help: "Several servers on PostgreSQL: this server's name among them (default: host name, process id and a random suffix).")
        var nodeName: String?

        @Option(help: "Several servers on PostgreSQL: where the other servers reach this one (default http://HOST:PORT; give it when listening on 0.0.0.0).")
        var nodeAddress: String?

        @Option(help: "Several servers on PostgreSQL: seconds a drill's lease lasts unless renewed; another server takes the drill over after it expires.")
        var leaseSeconds = 6

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            guard (1...3_600).contains(bodyTimeout) else { throw ValidationError("--body-timeout must be from 1 to 3600 seconds") }
            guard (2...120).contains(leaseSeconds) else { throw ValidationError("--lease-seconds must be from 2 to 120") }
            if let nodeAddress, !(nodeAddress.hasPrefix("http://") || nodeAddress.hasPrefix("https://")) {
                throw ValidationError("--node-address must start with http:// or https://, e.g. http://10.0.0.5:8080")
            }
            if let nodeName, nodeName.isEmpty || nodeName.count > 100 || !nodeName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                throw ValidationError("--node-name must be 1 to 100 letters, digits, '-', '_' or '.'")
            }
            if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
                throw ValidationError("--public-url must start with http:// or https://, e.g. https://drill.example.com")
            }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let trainerToken: String
            let generated: Bool
            if let given = environment["FIREDRILL_TRAINER_TOKEN"], !given.isEmpty {
                guard given.count >= 32, given.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                    throw CLIError("FIREDRILL_TRAINER_TOKEN must be at least 32 characters without spaces (for example: openssl rand -base64 32)")
                }
                trainerToken = given
                generated = false
            } else {
                trainerToken = ServerConfiguration.newTrainerToken()
                generated = true
            }
            FileLimit.raise() // every participant's event stream holds a connection
            let records = try database.open(.readWrite)
            var logger = Logger(label: "firedrill", factory: { StreamLogHandler.standardError(label: $0) })
            logger.logLevel = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
            let configuration = ServerConfiguration(
                host: host, port: port, trainerToken: trainerToken, publicURL: publicURL,
                webRoot: environment["FIREDRILL_WEB_ROOT"].map { URL(fileURLWithPath: $0, isDirectory: true) },
                requestBodyTimeout: .seconds(bodyTimeout), nodeName: nodeName, nodeAddress: nodeAddress,
                leaseDuration: .seconds(leaseSeconds)
            )
            let path = records.location
            let app = try FiredrillServer.application(
                configuration: configuration, database: records, clock: ContinuousClock(), logger: logger,
                onRunning: { boundPort in
                    let base = configuration.baseURL(boundPort: boundPort)
                    let shared = records is any DrillLeasing ? "; server \(configuration.nodeName), reached by the others at \(configuration.nodeAddress(boundPort: boundPort))" : ""
                    var lines = ["firedrill serve: listening on \(base) (database \(path)\(shared)); stop with Ctrl-C"]
                    if generated {
                        lines.append("Trainer sign-in (shown once; set FIREDRILL_TRAINER_TOKEN to choose it): \(base)/join/\(trainerToken)")
                    }
                    Console.out(lines.joined(separator: "\n") + "\n")
                }
            )
            let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
