/// Generates large, valid scenarios and scripts for benchmarks: many injects with `if`
/// guards and `when` chains, many objectives of every kind, and a long script that keeps
/// meeting them.
struct SyntheticDrill {
    var injects: Int
    var objectives: Int
    var scriptLines: Int

    /// The benchmark's 1× size: 2,000 injects, 200 objectives, 20,000 script lines.
    static func scaled(_ factor: Double) -> SyntheticDrill {
        SyntheticDrill(
            injects: max(8, Int(2_000 * factor)), objectives: max(6, Int(200 * factor)),
            scriptLines: max(10, Int(20_000 * factor))
        )
    }

    static let players = (0..<20).map { "team-\($0)" }
    static let personas = (0..<4).map { "persona-\($0)" }
    static let channels = ["chat", "email", "phone", "pager", "ticket"]
    static let kinds = ["acknowledge", "escalate", "action", "communicate", "report", "resolve"]

    /// Drill length: ten seconds of drill per inject, at least an hour.
    var durationSeconds: Int { max(3600, injects * 10) }

    var yaml: String {
        var out = "firedrill: 1\nid: synthetic-\(injects)\ntitle: Synthetic drill with \(injects) injects\n"
        out += "summary: Generated for benchmarks.\nduration: \(durationSeconds)\nroles:\n"
        for player in Self.players { out += "  - id: \(player)\n    name: Team \(player)\n    department: Dept \(player.suffix(1))\n" }
        for (index, persona) in Self.personas.enumerated() {
            out += "  - id: \(persona)\n    name: Persona \(index)\n    persona:\n      channels: [\(Self.channels[index % 3]), phone]\n      delay: \(30 + index * 15)s\n      reply: Noted, persona \(index) here.\n"
        }
        out += "injects:\n"
        for index in 0..<injects {
            out += "  - id: inject-\(index)\n    to: [\(Self.players[index % Self.players.count])]\n"
            out += "    channel: \(Self.channels[index % Self.channels.count])\n    subject: Synthetic inject number \(index)\n"
            out += "    body: |\n      Something happened (\(index)). Please look at dashboard \(index % 17).\n"
            if index % 4 == 3 {
                let objective = (index / 4) % objectives
                out += "    when: delivered(inject-\(index - 1)) or met(objective-\(objective))\n    delay: \(index % 60)s\n"
            } else {
                out += "    at: \(index * durationSeconds / injects)\n"
            }
            if index % 5 == 4 {
                out += "    if: not met(objective-\((index / 5) % objectives)) or delivered(inject-\(index / 2))\n"
            }
        }
        out += "objectives:\n"
        for index in 0..<objectives {
            let kind = Self.kinds[index % Self.kinds.count]
            out += "  - id: objective-\(index)\n    name: Objective \(index)\n    kind: \(kind)\n"
            if index % 3 == 0 { out += "    from: inject-\((index * 8) % injects)\n" }
            out += "    target: \(300 + index % 600)s\n    limit: \(1200 + index % 900)s\n    weight: \(1 + index % 3)\n"
            if kind == "escalate" { out += "    to: \(Self.personas[index % Self.personas.count])\n" }
            if ["action", "communicate", "report", "resolve"].contains(kind) { out += "    match: [keyword-\(index % 50), alt-\(index % 7)]\n" }
        }
        return out
    }

    var script: String {
        var out = "# synthetic script\n"
        out.reserveCapacity(scriptLines * 48)
        for line in 0..<scriptLines {
            let seconds = line * durationSeconds / scriptLines
            let role = Self.players[line % Self.players.count]
            let command: String = switch line % 6 {
            case 0: "ack seen \(line)"
            case 1: "escalate \(Self.personas[line % Self.personas.count]) via phone need help \(line)"
            case 2: "do keyword-\(line % 50) applied"
            case 3: "say keyword-\(line % 50) update"
            case 4: "report keyword-\(line % 50) filed"
            default: "resolve alt-\(line % 7) done"
            }
            out += "\(seconds / 3600):\(pad((seconds / 60) % 60)):\(pad(seconds % 60)) \(role) \(command)\n"
        }
        return out
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
