import ArgumentParser

extension Firedrill {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Measure validation and replay speed.")
        func run() throws {}
    }
}
