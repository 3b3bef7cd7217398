import FiredrillCore
import FiredrillVocabulary

/// What reports say, in English or Japanese: headings, labels and the names of kinds,
/// statuses and ratings. Scenario text and what people wrote are shown as written.
public struct ReportStrings: Sendable {
    public let language: Language
    /// The drill's words (kinds, channels, statuses, ratings): the catalog the pages use too.
    let words: Vocabulary

    public init(_ language: Language) {
        self.language = language
        words = Vocabulary.of(language)
    }

    func text(_ english: String, _ japanese: String) -> String {
        language == .japanese ? japanese : english
    }

    /// The language tag of the document (`<html lang>`).
    var tag: String { language.rawValue }
    /// Between a label and its value.
    var colon: String { text(": ", "：") }
    /// Between the items of a list written on one line.
    var listSeparator: String { text("; ", "、") }
    /// After a sentence followed by another one.
    var sentenceEnd: String { text(". ", "。") }
    /// Whole sentences one after the other: a space between them in English, none in Japanese.
    func sentences(_ parts: String...) -> String { parts.joined(separator: text(" ", "")) }
    /// Between items of a list in running text.
    var comma: String { text(", ", "、") }
    func parenthesized(_ inner: String) -> String { text(" (\(inner))", "（\(inner)）") }

    // MARK: Document

    var documentTitle: String { text("After-action report and improvement plan", "事後検証報告書（AAR）・改善計画（IP）") }
    var documentShortTitle: String { text("After-action report", "事後検証報告書") }
    var documentKind: String { text("Incident response exercise · HSEEP AAR/IP", "インシデント対応演習・HSEEP 形式 AAR/IP") }
    var blamelessNote: String {
        text("This report describes how roles, processes and systems performed. It does not assess individuals; who took part is kept in the evidence record only.",
             "本報告書は、ロール・手順・仕組みがどう機能したかを記述するものであり、個人を評価するものではありません。参加者の氏名は証跡の記録にのみ保管しています。")
    }
    func generatedBy(_ format: String) -> String { text("Produced by firedrill from the drill's record (\(format)).", "firedrill が訓練の記録から作成（\(format)）。") }

    // MARK: Sections

    var overview: String { text("Exercise overview", "演習の概要") }
    var headline: String { text("Results at a glance", "結果の要点") }
    var timelineChart: String { text("Timeline", "タイムライン") }
    var creditChart: String { text("Credit by objective", "目標ごとの達成度") }
    var analysis: String { text("Analysis of objectives", "目標ごとの分析") }
    var generalObservations: String { text("Observations about the exercise as a whole", "演習全体についての所見") }
    var metricsSection: String { text("Timing", "時間の指標") }
    var improvementPlan: String { text("Improvement plan", "改善計画") }
    var feedback: String { text("Participant feedback", "参加者アンケート") }
    var controlsSection: String { text("Controls and frameworks", "管理策・フレームワークとの対応") }
    var evidence: String { text("Evidence", "証跡") }
    var eventLog: String { text("Event log", "事象ログ") }
    var injectsSection: String { text("Messages (injects)", "配信されたメッセージ（インジェクト）") }
    var wordingReview: String { text("Wording review (blameless)", "記述の確認（非難なき振り返り）") }
    var rolesSection: String { text("Roles", "ロール") }
    func appendix(_ letter: String, _ title: String) -> String { text("Appendix \(letter). \(title)", "付録 \(letter)　\(title)") }
    var contents: String { text("Contents", "目次") }

    // MARK: Overview

    var exerciseName: String { text("Exercise", "演習名") }
    var scenarioID: String { text("Scenario", "シナリオ") }
    var dateUTC: String { text("Date and time (UTC)", "実施日時（UTC）") }
    var dateLocal: String { text("Date and time (local)", "実施日時（現地時刻）") }
    var notRecorded: String { text("not recorded (a replay without a record)", "記録なし（記録しない再生）") }
    var duration: String { text("Duration", "所要時間") }
    func durationValue(planned: String, played: String?, reason: String) -> String {
        guard let played else { return text("planned \(planned); cut off (\(reason))", "予定 \(planned)、中断（\(reason)）") }
        return text("\(played) of \(planned) planned (\(reason))", "\(played)（予定 \(planned)、\(reason)）")
    }
    var mode: String { text("Mode", "実施形態") }
    func modeValue(_ mode: DrillMode, speed: String?) -> String {
        let base = switch mode {
        case .live: text("live: people responded in real time", "ライブ：参加者がリアルタイムで対応")
        case .replay: text("replay: the inputs were played from a script", "再生：スクリプトの入力を再生")
        }
        return base + (speed.map { text(", speed \($0)×", "、速度 \($0) 倍") } ?? "")
    }
    func modeName(_ mode: DrillMode) -> String {
        switch mode {
        case .live: text("live", "ライブ")
        case .replay: text("replay", "再生")
        }
    }
    var scope: String { text("Scope", "範囲") }
    func scopeValue(objectives: Int, weight: String, injects: Int, departments: Int) -> String {
        text("\(objectives) objectives (total weight \(weight)), \(injects) injects, \(departments) department\(departments == 1 ? "" : "s")",
             "目標 \(objectives) 件（重み計 \(weight)）、インジェクト \(injects) 件、\(departments) 部門")
    }
    var tags: String { text("Tags", "タグ") }
    var departmentsAndRoles: String { text("Participating departments and roles", "参加部門とロール") }
    var simulatedRoles: String { text("Simulated by firedrill", "firedrill が演じるロール") }
    var noDepartment: String { text("(no department)", "（部門なし）") }
    var summary: String { text("Scenario summary", "シナリオ概要") }
    var conduct: String { text("Conduct", "進行") }
    func conductValue(actions: Int, pauses: Int, interruptions: Int, injectsDelivered: Int, adlibs: Int, speedChanges: Int, skipped: String?) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) " + (number == 1 ? one : many) }
        var value = text("\(count(actions, "player action", "player actions")), \(count(injectsDelivered, "message", "messages")) delivered (\(adlibs) ad-lib), "
                         + "\(count(pauses, "pause", "pauses")), \(count(interruptions, "interruption", "interruptions"))",
                         "参加者の行動 \(actions) 件、配信メッセージ \(injectsDelivered) 件（うちアドリブ \(adlibs) 件）、一時停止 \(pauses) 回、中断 \(interruptions) 回")
        if speedChanges > 0 { value += text(", " + count(speedChanges, "speed change", "speed changes"), "、速さの変更 \(speedChanges) 回") }
        if let skipped { value += text(", \(skipped) of drill time skipped to the next message", "、次のメッセージまで進めた訓練時間 \(skipped)") }
        return value
    }

    // MARK: Headline

    var score: String { text("Score", "スコア") }
    var outOf100: String { text("/ 100", "/ 100") }
    var notScored: String { text("not scored", "採点なし") }
    var coverage: String { text("Coverage", "カバー範囲") }
    func coverageValue(_ coverage: DrillReport.Coverage, weight: String, totalWeight: String) -> String {
        text("\(coverage.objectivesExercised) of \(coverage.objectivesTotal) objectives, weight \(weight) of \(totalWeight)",
             "目標 \(coverage.objectivesTotal) 件中 \(coverage.objectivesExercised) 件、重み \(totalWeight) 中 \(weight)")
    }
    var complete: String { text("the drill ran to its end", "訓練は最後まで実施") }
    func incompleteWarning(endedAt: String?, notExercised: Int) -> String {
        let when = endedAt.map { text("at \($0)", "\($0) に") } ?? text("before its end", "途中で")
        return text("The drill ended early \(when): the score covers only the objectives exercised; \(notExercised) objective\(notExercised == 1 ? " was" : "s were") not exercised and are left out. It is not comparable with the score of a complete drill.",
                    "訓練は \(when)早期終了しました。スコアは実施できた目標だけを対象としており、未実施の目標 \(notExercised) 件は含みません。最後まで実施した訓練のスコアとは比較できません。")
    }
    var scoreExplained: String {
        text("Score: 100 × Σ(weight × credit) / Σ weight over the objectives exercised. Credit is 1 up to an objective's target time and falls to 0 at its limit.",
             "スコア：実施した目標について 100 × Σ(重み × 達成度) / Σ 重み。達成度は目標時間までは 1、上限時間で 0 になるよう直線的に下がります。")
    }
    var ratingsCount: String { text("Ratings", "評定") }
    var timingChain: String { text("Response timeline", "対応の流れ") }
    var detection: String { text("Detection", "検知") }
    var acknowledgement: String { text("Acknowledgement", "受領") }
    var effectiveEscalation: String { text("Effective escalation", "有効なエスカレーション") }
    var firstEffectiveAction: String { text("First effective action", "最初の有効な対応") }
    var resolution: String { text("Resolution", "収束") }
    var none: String { text("none", "なし") }
    var timingChainNote: String {
        text("Drill times from the start of the drill (the clock stands still while paused). Detection: the first inject delivered. Effective: the first escalation or action that met an objective. In brackets: time after detection.",
             "訓練開始からの訓練時間（一時停止中は止まります）。検知：最初のインジェクトの配信。有効：目標を満たした最初のエスカレーション・対応。括弧内は検知からの経過時間。")
    }
    func afterDetection(_ time: String) -> String { text("+\(time) after detection", "検知から +\(time)") }

    // MARK: Metrics

    var metric: String { text("Metric", "指標") }
    var measures: String { text("What it measures", "測るもの") }
    var drillTime: String { text("Drill time", "訓練時間") }
    var sinceDetection: String { text("After detection", "検知から") }
    func metricRows(_ m: DrillReport.Metrics) -> [(label: String, meaning: String, seconds: Double?)] {
        [
            (detection, text("the first inject delivered: the first sign of the incident", "最初のインジェクトの配信（事象の最初の兆候）"), m.detectionAtSeconds),
            (text("Time to acknowledge", "受領までの時間"), text("the first acknowledgement by any role", "いずれかのロールによる最初の受領"), m.timeToAcknowledgeSeconds),
            (text("Time to escalate", "エスカレーションまでの時間"), text("the first escalation, to any role over any channel", "最初のエスカレーション（宛先・手段を問わない）"), m.timeToEscalateSeconds),
            (text("Time to effective escalation", "有効なエスカレーションまでの時間"), text("the first escalation that met an escalate objective (right role, right channel)", "エスカレーション目標を満たした最初のもの（正しい相手・手段）"), m.timeToEffectiveEscalationSeconds),
            (text("Time to first action", "最初の対応までの時間"), text("the first action (`do`) by any role", "いずれかのロールによる最初の対応措置（do）"), m.timeToFirstActionSeconds),
            (text("Time to first effective action", "最初の有効な対応までの時間"), text("the first action that met an action objective", "対応目標を満たした最初の対応措置"), m.timeToEffectiveActionSeconds),
            (text("Time to first communication", "最初の連絡までの時間"), text("the first message (`say`) by any role", "いずれかのロールによる最初の連絡（say）"), m.timeToFirstCommunicationSeconds),
            (text("Time to report", "報告までの時間"), text("the first report by any role", "いずれかのロールによる最初の報告"), m.timeToReportSeconds),
            (text("Time to resolve", "収束までの時間"), text("the first resolution by any role", "いずれかのロールによる最初の収束宣言"), m.timeToResolveSeconds),
        ]
    }
    var metricsNote: String {
        text("All times are drill times from the start of the drill.", "時間はすべて訓練開始からの訓練時間です。")
    }

    // MARK: Objectives

    var objective: String { text("Objective", "目標") }
    var kind: String { text("Kind", "種類") }
    var weight: String { text("Weight", "重み") }
    func clockStartedAt(_ time: String) -> String { text("clock started at \(time)", "計時開始 \(time)") }
    var target: String { text("Target", "目標時間") }
    var limit: String { text("Limit", "上限時間") }
    var elapsed: String { text("Elapsed", "所要") }
    var credit: String { text("Credit", "達成度") }
    var automaticRating: String { text("Automatic rating", "自動評定") }
    var officialRating: String { text("Rating after review", "判定後の評定") }
    func automaticScoreValue(_ score: String) -> String { text("by keyword matching alone: \(score)", "キーワード照合のみ：\(score)") }
    var adjudicationExplained: String {
        text("Evaluators have the last word: where they credited or rejected an action for an objective (✎), the rating after review counts; the automatic rating is what keyword matching alone gave.",
             "評価者の判定が最終です。評価者が行動を目標の達成と認めた・認めなかった目標（✎）は判定後の評定を採り、自動評定はキーワード照合のみの結果です。")
    }
    var decisions: String { text("Evaluators' decisions", "評価者の判定") }
    func decisionLine(at time: String?, decision: String, action: String, by: String?) -> String {
        let who = by.map { by in by == "trainer" ? words.text("token.trainer") : by.hasPrefix("evaluator-") ? words.text("token.evaluator") + " " + by.dropFirst("evaluator-".count) : by }
        let when = time.map { text("\($0) ", "\($0) ") } ?? ""
        return text("\(when)\(who.map { "\($0): " } ?? "")\(action) — \(decision)", "\(when)\(who.map { "\($0)：" } ?? "")\(action) — \(decision)")
    }
    func actionLabel(role: String, at time: String, text value: String) -> String {
        text("\(role) at \(time): “\(value)”", "\(time) \(role)「\(value)」")
    }
    func inReplyTo(_ subject: String) -> String { text("(answering “\(subject)”)", "（「\(subject)」への返信）") }
    var adlibInject: String { text("Ad-lib message", "アドリブのメッセージ") }
    var evaluatorRating: String { text("Evaluator rating", "評価者の評定") }
    var rating: String { text("Rating", "評定") }
    var metBy: String { text("Met by", "達成したロール") }
    var status: String { text("Status", "状態") }
    var expectedAction: String { text("Expected action", "期待される行動") }
    var strengths: String { text("Strengths", "良かった点") }
    var areasForImprovement: String { text("Areas for improvement", "改善すべき点") }
    var otherObservations: String { text("Other observations", "その他の所見") }
    var noObservations: String { text("No evaluator observation was recorded for this objective.", "この目標について評価者の所見は記録されていません。") }
    var controls: String { text("Controls", "管理策") }
    var observationClassification: String {
        text("Observations marked \"Strength:\" or rated P are listed as strengths; those marked \"Improvement:\" or rated S, M or U as areas for improvement.",
             "「良かった点：」と記した所見や P 評定の所見は良かった点に、「改善点：」と記した所見や S・M・U 評定の所見は改善すべき点に分類しています。")
    }
    func elapsedAfter(_ time: String) -> String { text("\(time) after its clock started", "計時開始から \(time)") }
    func startsAt(_ time: String) -> String { text("at \(time)", "\(time)") }
    var drillStart: String { text("drill start", "訓練開始") }
    func afterInject(_ id: String) -> String { text("delivery of \(id)", "\(id) の配信") }
    var ratingsLegend: String {
        text("Ratings (HSEEP)", "評定（HSEEP）")
    }
    var elapsedExplained: String {
        text("Elapsed time counts from the objective's clock start (the drill start, or the delivery of the inject it follows).",
             "所要時間は目標の計時開始（訓練開始、または起点のインジェクトの配信）から数えます。")
    }

    func kindName(_ kind: ActionKind) -> String { words.kind(kind) }
    func statusName(_ status: DrillReport.ObjectiveStatus) -> String { words.objectiveStatus(status.rawValue) }
    func ratingMeaning(_ rating: Scoring.Rating) -> String { words.rating(rating) }

    func endReason(_ reason: DrillEvent.EndReason?) -> String {
        reason.map(words.endReason) ?? text("interrupted", "中断")
    }

    // MARK: Improvement plan

    var planNumber: String { "#" }
    var issue: String { text("Issue", "課題") }
    var correctiveAction: String { text("Corrective action", "是正措置") }
    var capability: String { text("Capability element", "能力要素") }
    var responsibleOrg: String { text("Primary responsible organisation", "主担当組織") }
    var responsibleRole: String { text("Role", "担当ロール") }
    var responsibleOrgAndRole: String { text("Primary responsible organisation / role", "主担当組織／ロール") }
    var startDate: String { text("Start date", "開始日") }
    var completionDate: String { text("Completion date", "完了予定日") }
    var closingEvidence: String { text("Closing evidence", "完了の証跡") }
    var overdue: String { text("overdue", "期限超過") }
    var noPlan: String {
        text("No corrective action has been recorded for this run yet (`firedrill actions add`).",
             "この実行の是正措置はまだ登録されていません（`firedrill actions add`）。")
    }
    var planNotRecorded: String {
        text("The improvement plan is kept with recorded runs.", "改善計画は記録された実行に対して管理します。")
    }
    func planOpen(_ open: Int) -> String { text("\(open) open", "未完了 \(open) 件") }
    func planClosedAndOverdue(closed: Int, overdue: Int) -> String {
        text("\(closed) closed, \(overdue) overdue", "完了 \(closed) 件、期限超過 \(overdue) 件")
    }
    func planSummary(open: Int, closed: Int, overdue: Int) -> String {
        text("\(open) open, \(closed) closed, \(overdue) overdue", "未完了 \(open) 件、完了 \(closed) 件、期限超過 \(overdue) 件")
    }
    func capabilityName(_ name: String) -> String {
        switch name {
        case "Planning": text("Planning", "計画")
        case "Organization": text("Organization", "組織")
        case "Equipment": text("Equipment", "装備・システム")
        case "Training": text("Training", "教育訓練")
        case "Exercise": text("Exercise", "演習")
        default: name
        }
    }
    func actionStatus(_ status: String) -> String {
        switch status {
        case "open": text("open", "未着手")
        case "in-progress": text("in progress", "対応中")
        case "closed": text("closed", "完了")
        default: status
        }
    }
    func closedOn(_ date: String) -> String { text("closed \(date)", "\(date) 完了") }

    // MARK: Feedback

    var question: String { text("Question", "質問") }
    var answers: String { text("Answers", "回答数") }
    var median: String { text("Median", "中央値") }
    var scores: String { text("Scores (1–5)", "評点（1〜5）") }
    var textAnswers: String { text("Text answers and comments", "記述回答・コメント") }
    var noSurvey: String { text("The scenario has no survey.", "このシナリオにはアンケートがありません。") }
    var noAnswers: String { text("no answers", "回答なし") }
    func scaleExplained(low: String, high: String) -> String {
        text("Scale questions are answered from \(low) to \(high), as on the form.", "評点はアンケートと同じ \(low) 〜 \(high) です。")
    }

    // MARK: Controls

    var control: String { text("Control", "管理策") }
    var framework: String { text("Framework", "フレームワーク") }
    var title: String { text("Title", "名称") }
    var evidenceFrom: String { text("Evidence in this exercise", "本演習での根拠") }
    var exerciseAsWhole: String { text("the exercise as a whole", "演習全体") }
    var controlsNote: String {
        text("Each objective gives evidence for the controls of its kind unless the scenario lists its own (`controls:`). Every exercise gives evidence for planning and preparation (A.5.24), learning (A.5.27) and testing (IR-3).",
             "各目標は、シナリオで `controls:` を指定しない限り、その種類の既定の管理策の根拠となります。演習そのものは、計画と準備（A.5.24）、学習（A.5.27）、テスト（IR-3）の根拠となります。")
    }
    func controlTitle(_ control: ControlCatalog.Control) -> String {
        language == .japanese ? control.titleJapanese : control.title
    }

    // MARK: Evidence

    var runID: String { text("Run", "実行 ID") }
    var runStatus: String { text("Record status", "記録の状態") }
    func runStatusName(_ status: String) -> String {
        switch status {
        case "finished": text("finished", "終了")
        case "running": text("running", "実施中")
        case "interrupted": text("interrupted", "中断")
        case "ready": text("not started", "未開始")
        default: status
        }
    }
    var recordedStart: String { text("Started (UTC)", "開始（UTC）") }
    var recordedEnd: String { text("Ended (UTC)", "終了（UTC）") }
    var scenarioSHA: String { text("Scenario SHA-256", "シナリオ SHA-256") }
    var chainHead: String { text("Event chain head", "イベントチェーンの先頭ハッシュ") }
    var verification: String { text("Chain verification", "チェーンの検証") }
    func verified(events: Int) -> String {
        text("intact: \(events) events checked when this report was made", "正常：本報告書の作成時に \(events) 件のイベントを検証")
    }
    func verificationFailed(_ problem: String) -> String { text("FAILED: \(problem)", "不一致：\(problem)") }
    var notVerified: String { text("not checked", "未検証") }
    var participantsKept: String { text("Participants", "参加者") }
    func participantsValue(_ count: Int) -> String {
        text("\(count) role\(count == 1 ? "" : "s") played; who played them is kept in the record, not in this report",
             "\(count) ロールを担当。誰が担当したかは記録にのみ保管し、本報告書には記載しません")
    }
    var notRecordedEvidence: String {
        text("This report was made from a replay that was not recorded: there is no run id or chain to verify. Record it with `firedrill replay --record`.",
             "本報告書は記録しない再生から作成したため、実行 ID と検証できるチェーンがありません。`firedrill replay --record` で記録できます。")
    }
    var evidenceNote: String {
        text("`firedrill verify RUN` recomputes the chain and the scores; file the chain head with the committee's minutes to detect later changes.",
             "`firedrill verify RUN` でチェーンとスコアを再計算できます。後からの改変を検出できるよう、先頭ハッシュを委員会の議事録にも記載してください。")
    }

    // MARK: Event log and injects

    var event: String { text("Event", "事象") }
    var detail: String { text("Detail", "詳細") }
    var inject: String { text("Message", "メッセージ") }
    var channel: String { text("Channel", "手段") }
    var subject: String { text("Subject", "件名") }
    var adlib: String { text("ad-lib", "アドリブ") }
    func injectStatus(_ status: DrillReport.InjectStatus) -> String { words.text("inject.\(status.rawValue)") }
    func speedDetail(_ speed: Double) -> String {
        let value = speed == speed.rounded() ? String(Int(speed)) : String(speed)
        return text("\(value)× real time from here", "ここから実時間の \(value) 倍")
    }
    func skippedDetail(from: String, to: String) -> String { text("from \(from) to \(to)", "\(from) から \(to) へ") }
    func meets(_ names: String) -> String { text("meets \(names)", "「\(names)」を達成") }
    var via: String { text("via", "手段") }
    var simulated: String { text("simulated persona", "模擬ロール") }
    var role: String { text("Role", "ロール") }
    var department: String { text("Department", "部門") }

    // MARK: Wording review

    var wordingReviewIntro: String {
        text("Passages written into the record (observations, survey answers, the improvement plan) that speak of people rather than processes, for the committee to look at. They are shown as written, with participants' names replaced.",
             "記録に書かれた文章（所見、アンケート回答、改善計画）のうち、手順ではなく人に焦点を当てた表現を委員会の確認用に挙げます。参加者の氏名は置き換えて、記述どおりに示します。")
    }
    var noWordingFindings: String {
        text("No passage was flagged.", "指摘された表現はありません。")
    }
    var where_: String { text("Where", "箇所") }
    var passage: String { text("Passage", "該当箇所") }
    var flagged: String { text("Flagged", "指摘") }
    var why: String { text("Why it matters", "理由") }
    var suggestion: String { text("Process-focused wording", "手順に焦点を当てた書き方") }
    func findingPlace(_ finding: DrillReport.WordingFinding, objective: String?) -> String {
        switch finding.source {
        case .observation:
            text("Observation \(finding.index + 1)", "所見 \(finding.index + 1)") + (objective.map { parenthesized($0) } ?? "")
        case .survey:
            text("Survey question \(finding.index + 1), answer \((finding.item ?? 0) + 1)", "アンケート 質問 \(finding.index + 1)・回答 \((finding.item ?? 0) + 1)")
        case .correctiveAction:
            text("Corrective action #\(finding.index)", "是正措置 #\(finding.index)") + parenthesized(fieldName(finding.field))
        }
    }
    func fieldName(_ field: String) -> String {
        switch field {
        case "issue": issue
        case "corrective_action": correctiveAction
        case "closing_evidence": closingEvidence
        default: text("text", "本文")
        }
    }
    func ruleName(_ rule: BlamelessWording.Rule) -> String {
        switch rule {
        case .participantName: text("a participant's name", "参加者の氏名")
        case .personalFault: text("someone's fault", "個人の責任")
        case .characterJudgement: text("judging a person", "個人への評価")
        case .hindsight: text("hindsight", "後知恵")
        case .humanError: text("\"human error\"", "「ヒューマンエラー」")
        }
    }

    // MARK: Charts

    var injectsLane: String { text("Injects", "インジェクト") }
    var objectivesLane: String { text("Objectives", "目標") }
    var targetWindow: String { text("target window (full credit)", "目標時間内（満点）") }
    var limitWindow: String { text("until the limit (falling credit)", "上限時間まで（減点）") }
    var metMark: String { text("met", "達成") }
    var missedMark: String { text("missed", "未達") }
    var pausedBand: String { text("paused", "一時停止") }
    var notPlayed: String { text("not played (ended early)", "未実施（早期終了）") }
    var skippedInject: String { text("skipped inject", "見送られたインジェクト") }
    var deliveredInject: String { text("inject delivered", "配信されたインジェクト") }
    var personaReply: String { text("persona reply", "ペルソナの返信") }
    var observationMark: String { text("observation", "所見") }
    var timelineChartCaption: String {
        text("One lane per role, on the drill clock. Diamonds are injects (numbered as in Appendix B); marks are actions by kind, ringed when they met an objective. Below, each objective's target window (green) and limit window (amber) from its clock start, with the moment it was met.",
             "ロールごとのレーンを訓練時間軸に並べています。ひし形はインジェクト（番号は付録 B と対応）、印は種類別の行動で、目標を達成した行動は輪で囲んでいます。下段は各目標の計時開始からの目標時間（緑）と上限時間（黄）、および達成した時点です。")
    }
    var creditChartCaption: String {
        text("Credit from 0 to 1 for each objective, coloured by its automatic rating; the weight is shown beside the name.",
             "目標ごとの達成度（0〜1）。色は自動評定、名前の横は重みです。")
    }
}
