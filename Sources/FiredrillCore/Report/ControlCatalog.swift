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

    /// Every control firedrill accepts, with its title in English and Japanese: the 93
    /// controls of ISO/IEC 27001:2022 Annex A, IR-1 to IR-10 of NIST SP 800-53 and the six
    /// CSF 2.0 functions. Reports name each one.
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
        Control(id: "A.5.1", framework: iso, title: "Policies for information security", titleJapanese: "情報セキュリティのための方針群"),
        Control(id: "A.5.2", framework: iso, title: "Information security roles and responsibilities", titleJapanese: "情報セキュリティの役割及び責任"),
        Control(id: "A.5.3", framework: iso, title: "Segregation of duties", titleJapanese: "職務の分離"),
        Control(id: "A.5.4", framework: iso, title: "Management responsibilities", titleJapanese: "経営陣の責任"),
        Control(id: "A.5.6", framework: iso, title: "Contact with special interest groups", titleJapanese: "専門組織との連絡"),
        Control(id: "A.5.7", framework: iso, title: "Threat intelligence", titleJapanese: "脅威インテリジェンス"),
        Control(id: "A.5.8", framework: iso, title: "Information security in project management", titleJapanese: "プロジェクトマネジメントにおける情報セキュリティ"),
        Control(id: "A.5.9", framework: iso, title: "Inventory of information and other associated assets", titleJapanese: "情報及びその他の関連資産の目録"),
        Control(id: "A.5.10", framework: iso, title: "Acceptable use of information and other associated assets", titleJapanese: "情報及びその他の関連資産の利用の許容範囲"),
        Control(id: "A.5.11", framework: iso, title: "Return of assets", titleJapanese: "資産の返却"),
        Control(id: "A.5.12", framework: iso, title: "Classification of information", titleJapanese: "情報の分類"),
        Control(id: "A.5.13", framework: iso, title: "Labelling of information", titleJapanese: "情報のラベル付け"),
        Control(id: "A.5.15", framework: iso, title: "Access control", titleJapanese: "アクセス制御"),
        Control(id: "A.5.16", framework: iso, title: "Identity management", titleJapanese: "識別情報の管理"),
        Control(id: "A.5.17", framework: iso, title: "Authentication information", titleJapanese: "認証情報"),
        Control(id: "A.5.18", framework: iso, title: "Access rights", titleJapanese: "アクセス権"),
        Control(id: "A.5.20", framework: iso, title: "Addressing information security within supplier agreements", titleJapanese: "供給者との合意における情報セキュリティの取扱い"),
        Control(id: "A.5.21", framework: iso, title: "Managing information security in the ICT supply chain", titleJapanese: "ICTサプライチェーンにおける情報セキュリティの管理"),
        Control(id: "A.5.22", framework: iso, title: "Monitoring, review and change management of supplier services", titleJapanese: "供給者のサービス提供の監視、レビュー及び変更管理"),
        Control(id: "A.5.31", framework: iso, title: "Legal, statutory, regulatory and contractual requirements", titleJapanese: "法令、規制及び契約上の要求事項"),
        Control(id: "A.5.32", framework: iso, title: "Intellectual property rights", titleJapanese: "知的財産権"),
        Control(id: "A.5.33", framework: iso, title: "Protection of records", titleJapanese: "記録の保護"),
        Control(id: "A.5.35", framework: iso, title: "Independent review of information security", titleJapanese: "情報セキュリティの独立したレビュー"),
        Control(id: "A.5.36", framework: iso, title: "Compliance with policies, rules and standards for information security", titleJapanese: "情報セキュリティのための方針群、規則及び標準の順守"),
        Control(id: "A.5.37", framework: iso, title: "Documented operating procedures", titleJapanese: "操作手順書"),
        Control(id: "A.6.1", framework: iso, title: "Screening", titleJapanese: "選考"),
        Control(id: "A.6.2", framework: iso, title: "Terms and conditions of employment", titleJapanese: "雇用条件"),
        Control(id: "A.6.4", framework: iso, title: "Disciplinary process", titleJapanese: "懲戒手続"),
        Control(id: "A.6.5", framework: iso, title: "Responsibilities after termination or change of employment", titleJapanese: "雇用の終了又は変更後の責任"),
        Control(id: "A.6.6", framework: iso, title: "Confidentiality or non-disclosure agreements", titleJapanese: "秘密保持契約又は守秘義務契約"),
        Control(id: "A.6.7", framework: iso, title: "Remote working", titleJapanese: "リモートワーク"),
        Control(id: "A.7.1", framework: iso, title: "Physical security perimeters", titleJapanese: "物理的セキュリティ境界"),
        Control(id: "A.7.2", framework: iso, title: "Physical entry", titleJapanese: "物理的入退"),
        Control(id: "A.7.3", framework: iso, title: "Securing offices, rooms and facilities", titleJapanese: "オフィス、部屋及び施設のセキュリティ"),
        Control(id: "A.7.4", framework: iso, title: "Physical security monitoring", titleJapanese: "物理的セキュリティの監視"),
        Control(id: "A.7.5", framework: iso, title: "Protecting against physical and environmental threats", titleJapanese: "物理的及び環境的脅威からの保護"),
        Control(id: "A.7.6", framework: iso, title: "Working in secure areas", titleJapanese: "セキュリティを保つべき領域での作業"),
        Control(id: "A.7.7", framework: iso, title: "Clear desk and clear screen", titleJapanese: "クリアデスク・クリアスクリーン"),
        Control(id: "A.7.8", framework: iso, title: "Equipment siting and protection", titleJapanese: "装置の設置及び保護"),
        Control(id: "A.7.9", framework: iso, title: "Security of assets off-premises", titleJapanese: "構外にある資産のセキュリティ"),
        Control(id: "A.7.10", framework: iso, title: "Storage media", titleJapanese: "記憶媒体"),
        Control(id: "A.7.11", framework: iso, title: "Supporting utilities", titleJapanese: "サポートユーティリティ"),
        Control(id: "A.7.12", framework: iso, title: "Cabling security", titleJapanese: "ケーブル配線のセキュリティ"),
        Control(id: "A.7.13", framework: iso, title: "Equipment maintenance", titleJapanese: "装置の保守"),
        Control(id: "A.7.14", framework: iso, title: "Secure disposal or re-use of equipment", titleJapanese: "装置のセキュリティを保った処分又は再利用"),
        Control(id: "A.8.1", framework: iso, title: "User endpoint devices", titleJapanese: "利用者エンドポイント機器"),
        Control(id: "A.8.2", framework: iso, title: "Privileged access rights", titleJapanese: "特権的アクセス権"),
        Control(id: "A.8.3", framework: iso, title: "Information access restriction", titleJapanese: "情報へのアクセス制限"),
        Control(id: "A.8.4", framework: iso, title: "Access to source code", titleJapanese: "ソースコードへのアクセス"),
        Control(id: "A.8.5", framework: iso, title: "Secure authentication", titleJapanese: "セキュリティを保った認証"),
        Control(id: "A.8.6", framework: iso, title: "Capacity management", titleJapanese: "容量・能力の管理"),
        Control(id: "A.8.7", framework: iso, title: "Protection against malware", titleJapanese: "マルウェアに対する保護"),
        Control(id: "A.8.9", framework: iso, title: "Configuration management", titleJapanese: "構成管理"),
        Control(id: "A.8.10", framework: iso, title: "Information deletion", titleJapanese: "情報の削除"),
        Control(id: "A.8.11", framework: iso, title: "Data masking", titleJapanese: "データマスキング"),
        Control(id: "A.8.12", framework: iso, title: "Data leakage prevention", titleJapanese: "データ漏えいの防止"),
        Control(id: "A.8.14", framework: iso, title: "Redundancy of information processing facilities", titleJapanese: "情報処理施設の冗長性"),
        Control(id: "A.8.15", framework: iso, title: "Logging", titleJapanese: "ログ取得"),
        Control(id: "A.8.17", framework: iso, title: "Clock synchronization", titleJapanese: "クロックの同期"),
        Control(id: "A.8.18", framework: iso, title: "Use of privileged utility programs", titleJapanese: "特権的なユーティリティプログラムの使用"),
        Control(id: "A.8.19", framework: iso, title: "Installation of software on operational systems", titleJapanese: "運用システムに関わるソフトウェアの導入"),
        Control(id: "A.8.20", framework: iso, title: "Networks security", titleJapanese: "ネットワークのセキュリティ"),
        Control(id: "A.8.21", framework: iso, title: "Security of network services", titleJapanese: "ネットワークサービスのセキュリティ"),
        Control(id: "A.8.22", framework: iso, title: "Segregation of networks", titleJapanese: "ネットワークの分離"),
        Control(id: "A.8.23", framework: iso, title: "Web filtering", titleJapanese: "ウェブフィルタリング"),
        Control(id: "A.8.24", framework: iso, title: "Use of cryptography", titleJapanese: "暗号の利用"),
        Control(id: "A.8.25", framework: iso, title: "Secure development life cycle", titleJapanese: "セキュリティに配慮した開発のライフサイクル"),
        Control(id: "A.8.26", framework: iso, title: "Application security requirements", titleJapanese: "アプリケーションのセキュリティの要求事項"),
        Control(id: "A.8.27", framework: iso, title: "Secure system architecture and engineering principles", titleJapanese: "セキュリティに配慮したシステムアーキテクチャ及びシステム構築の原則"),
        Control(id: "A.8.28", framework: iso, title: "Secure coding", titleJapanese: "セキュリティに配慮したコーディング"),
        Control(id: "A.8.29", framework: iso, title: "Security testing in development and acceptance", titleJapanese: "開発及び受入れにおけるセキュリティテスト"),
        Control(id: "A.8.30", framework: iso, title: "Outsourced development", titleJapanese: "外部委託による開発"),
        Control(id: "A.8.31", framework: iso, title: "Separation of development, test and production environments", titleJapanese: "開発環境、テスト環境及び本番環境の分離"),
        Control(id: "A.8.33", framework: iso, title: "Test information", titleJapanese: "テスト用情報"),
        Control(id: "A.8.34", framework: iso, title: "Protection of information systems during audit testing", titleJapanese: "監査試験中の情報システムの保護"),
        Control(id: "IR-1", framework: nist, title: "Policy and procedures", titleJapanese: "方針及び手順"),
        Control(id: "IR-2", framework: nist, title: "Incident response training", titleJapanese: "インシデント対応の訓練"),
        Control(id: "IR-5", framework: nist, title: "Incident monitoring", titleJapanese: "インシデントの監視"),
        Control(id: "IR-7", framework: nist, title: "Incident response assistance", titleJapanese: "インシデント対応の支援"),
        Control(id: "IR-9", framework: nist, title: "Information spillage response", titleJapanese: "情報流出への対応"),
        Control(id: "IR-10", framework: nist, title: "Integrated information security analysis team", titleJapanese: "統合された情報セキュリティ分析チーム"),
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
