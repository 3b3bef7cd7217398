/// The controls and functions a drill gives evidence for: ISO/IEC 27001:2022 Annex A,
/// NIST SP 800-53 (incident response family) and the NIST CSF 2.0 functions.
///
/// Each objective exercises the controls of its kind unless the scenario lists its own
/// (`controls:` on the objective); every drill as a whole exercises ``drillWide``.
public enum ControlCatalog {
    public struct Control: Sendable, Hashable {
        public var id: String
        public var framework: String
        public var title: String
        public var titleJapanese: String
    }

    static let iso = "ISO/IEC 27001:2022"
    static let nist = "NIST SP 800-53 Rev. 5"
    static let csf = "NIST CSF 2.0"

    /// The controls with a title. Other Annex A controls (A.5.1–A.5.37, A.6.1–A.6.8,
    /// A.7.1–A.7.14, A.8.1–A.8.34) and IR-1 to IR-10 are accepted too, shown by id.
    public static let known: [Control] = [
        Control(id: "A.5.5", framework: iso, title: "Contact with authorities", titleJapanese: "関係当局との連絡"),
        Control(id: "A.5.14", framework: iso, title: "Information transfer", titleJapanese: "情報転送"),
        Control(id: "A.5.19", framework: iso, title: "Information security in supplier relationships", titleJapanese: "供給者関係における情報セキュリティ"),
        Control(id: "A.5.23", framework: iso, title: "Information security for use of cloud services", titleJapanese: "クラウドサービスの利用における情報セキュリティ"),
        Control(id: "A.5.24", framework: iso, title: "Information security incident management planning and preparation", titleJapanese: "情報セキュリティインシデント管理の計画策定及び準備"),
        Control(id: "A.5.25", framework: iso, title: "Assessment and decision on information security events", titleJapanese: "情報セキュリティ事象の評価及び決定"),
        Control(id: "A.5.26", framework: iso, title: "Response to information security incidents", titleJapanese: "情報セキュリティインシデントへの対応"),
        Control(id: "A.5.27", framework: iso, title: "Learning from information security incidents", titleJapanese: "情報セキュリティインシデントからの学習"),
        Control(id: "A.5.28", framework: iso, title: "Collection of evidence", titleJapanese: "証拠の収集"),
        Control(id: "A.5.29", framework: iso, title: "Information security during disruption", titleJapanese: "事業の中断・阻害時の情報セキュリティ"),
        Control(id: "A.5.30", framework: iso, title: "ICT readiness for business continuity", titleJapanese: "事業継続のためのICTの備え"),
        Control(id: "A.5.34", framework: iso, title: "Privacy and protection of PII", titleJapanese: "プライバシー及びPIIの保護"),
        Control(id: "A.6.3", framework: iso, title: "Information security awareness, education and training", titleJapanese: "情報セキュリティの意識向上、教育及び訓練"),
        Control(id: "A.6.8", framework: iso, title: "Information security event reporting", titleJapanese: "情報セキュリティ事象の報告"),
        Control(id: "A.8.8", framework: iso, title: "Management of technical vulnerabilities", titleJapanese: "技術的ぜい弱性の管理"),
        Control(id: "A.8.13", framework: iso, title: "Information backup", titleJapanese: "情報のバックアップ"),
        Control(id: "A.8.16", framework: iso, title: "Monitoring activities", titleJapanese: "監視活動"),
        Control(id: "A.8.32", framework: iso, title: "Change management", titleJapanese: "変更管理"),
        Control(id: "IR-3", framework: nist, title: "Incident response testing", titleJapanese: "インシデント対応のテスト"),
        Control(id: "IR-4", framework: nist, title: "Incident handling", titleJapanese: "インシデント処理"),
        Control(id: "IR-6", framework: nist, title: "Incident reporting", titleJapanese: "インシデント報告"),
        Control(id: "IR-8", framework: nist, title: "Incident response plan", titleJapanese: "インシデント対応計画"),
        Control(id: "GV", framework: csf, title: "Govern", titleJapanese: "統治"),
        Control(id: "ID", framework: csf, title: "Identify", titleJapanese: "識別"),
        Control(id: "PR", framework: csf, title: "Protect", titleJapanese: "防御"),
        Control(id: "DE", framework: csf, title: "Detect", titleJapanese: "検知"),
        Control(id: "RS", framework: csf, title: "Respond", titleJapanese: "対応"),
        Control(id: "RC", framework: csf, title: "Recover", titleJapanese: "復旧"),
    ]

    /// Controls every drill exercises: planning and preparation, learning, and testing.
    public static let drillWide = ["A.5.24", "A.5.27", "IR-3"]

    /// The controls an objective exercises by default, by its kind.
    public static func defaults(for kind: ActionKind) -> [String] {
        switch kind {
        case .acknowledge: ["A.6.8", "A.5.25", "DE"]
        case .escalate: ["A.5.25", "A.5.26", "IR-6", "RS"]
        case .action: ["A.5.26", "IR-4", "RS"]
        case .communicate: ["A.5.26", "RS"]
        case .report: ["A.6.8", "A.5.28", "IR-6", "RS"]
        case .resolve: ["A.5.26", "IR-4", "RC"]
        }
    }

    /// The controls an objective exercises: its own list, or its kind's.
    public static func controls(of objective: Objective) -> [String] {
        objective.controls ?? defaults(for: objective.kind)
    }

    public static func control(_ id: String) -> Control? {
        known.first { $0.id == id } ?? pattern(id)
    }

    /// Whether `id` names a control firedrill knows.
    public static func isKnown(_ id: String) -> Bool { control(id) != nil }

    /// Every id that can be written, for suggestions.
    public static let allIDs: [String] = {
        var ids = known.map(\.id)
        for (theme, count) in [(5, 37), (6, 8), (7, 14), (8, 34)] {
            ids += (1...count).map { "A.\(theme).\($0)" }
        }
        ids += (1...10).map { "IR-\($0)" }
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }()

    private static func pattern(_ id: String) -> Control? {
        guard allIDs.contains(id) else { return nil }
        return Control(id: id, framework: id.hasPrefix("IR-") ? nist : iso, title: id, titleJapanese: id)
    }
}
