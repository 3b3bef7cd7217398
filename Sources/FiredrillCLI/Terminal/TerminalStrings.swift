import FiredrillCore
import Foundation

/// What the terminal drill says, in English or Japanese (the scenario's language, or
/// `--lang`). Scenario text is shown as written.
struct TerminalStrings: Sendable {
    let language: Language
    /// Whether the people at this terminal steer the drill (`run`, `resume`), or only play
    /// in it (`join`: the trainer steers on the server).
    var steers = true

    private func text(_ english: String, _ japanese: String) -> String {
        language == .japanese ? japanese : english
    }

    var youPlay: String { text("You play", "担当ロール") }
    var otherRoles: String { text("Other roles", "ほかのロール") }
    var briefing: String { text("Briefing", "ブリーフィング") }
    func plannedLength(_ duration: String, speed: String) -> String {
        text("Planned length \(duration), speed \(speed)×.", "予定時間 \(duration)、速度 \(speed) 倍。")
    }
    var startHint: String {
        text("Press Enter (or type /start) when the team is ready. /help lists the commands.",
             "準備ができたら Enter キー（または /start）で開始します。/help でコマンド一覧を表示します。")
    }
    var notStartedYet: String {
        text("The drill has not started yet: press Enter or type /start.", "訓練はまだ始まっていません。Enter キーまたは /start で開始します。")
    }
    var alreadyStarted: String { text("The drill is already running.", "訓練はすでに進行中です。") }
    var nothingRecorded: String { text("The drill was not started; nothing was recorded.", "訓練は開始されませんでした。何も記録していません。") }
    func recording(_ runID: String, in path: String) -> String {
        text("Recording run \(runID) in \(path).", "実行 \(runID) を \(path) に記録しています。")
    }
    var drillStarted: String { text("Drill started.", "訓練開始。") }
    var drillPaused: String {
        steers ? text("Drill paused. /resume to continue.", "一時停止中。/resume で再開します。")
            : text("Drill paused by the trainer.", "トレーナーが訓練を一時停止しました。")
    }
    var drillInterrupted: String {
        steers ? text("The drill was cut off here; it stands paused.", "訓練はここで中断されました。一時停止中です。")
            : text("The drill was cut off here (the server stopped); it stands paused until the trainer resumes it.",
                   "訓練はここで中断されました（サーバー停止）。トレーナーが再開するまで一時停止中です。")
    }
    var drillResumed: String { text("Drill resumed.", "訓練再開。") }
    var speedUsage: String { text("Write /speed and the new speed, e.g. /speed 2 (1 is real time).", "/speed のあとに速さを書いてください（例：/speed 2。1 が実時間）。") }
    func didYouMeanEscalation(to target: String, channel: String?) -> String {
        let via = channel.map { " (\($0))" } ?? ""
        let viaJa = channel.map { "（\(channelName($0))）" } ?? ""
        return text("This report names \(target). Did you mean to escalate to them\(via)? [y = escalate / n = keep it a report]",
                    "この報告は「\(target)」に触れています。「\(target)」への連絡（エスカレーション）\(viaJa)のつもりですか？ [y = 連絡として送る / n = 報告書のまま送る]")
    }
    func isYes(_ answer: String) -> Bool {
        let word = TextMatching.normalize(answer).trimmingCharacters(in: .whitespaces)
        return ["y", "yes", "はい", "うん", "連絡"].contains(word)
    }
    func channelName(_ channel: String) -> String {
        let names = ["chat": "チャット", "email": "メール", "phone": "電話", "in-person": "対面", "pager": "ポケベル", "ticket": "チケット",
                     "monitoring": "監視", "news": "ニュース", "social": "SNS", "web": "Web"]
        return language == .japanese ? names[channel] ?? channel : channel
    }
    func speedChanged(_ speed: Double) -> String {
        let value = speed == speed.rounded() ? String(Int(speed)) : String(speed)
        return text("The drill clock now runs at \(value)× real time.", "訓練の時計は実時間の \(value) 倍で進みます。")
    }
    func clockAdvanced(from: String) -> String {
        text("The trainer skipped ahead from \(from) to the next inject.", "トレーナーが \(from) から次のインジェクトまで時計を進めました。")
    }
    func drillEnded(_ reason: DrillEvent.EndReason) -> String {
        let why = switch reason {
        case .completed: text("planned duration reached", "予定時間に到達")
        case .endedByTrainer: text("ended by the trainer", "トレーナーが終了")
        case .inputClosed: text("input closed", "入力終了")
        }
        return text("Drill ended (\(why)).", "訓練終了（\(why)）。")
    }
    var unknownSender: String { text("unknown sender", "差出人不明") }
    var from: String { text("from", "差出人") }
    var to: String { text("to", "宛先") }
    func noAnswerOver(_ channel: String) -> String { text("(no answer over \(channel) yet)", "（\(channel) では応答がありません）") }
    func nowActingAs(_ role: String) -> String { text("Now acting as \(role).", "\(role) として操作します。") }
    func notPlayedHere(_ role: String, hint: String, played: [String]) -> String {
        text("'\(role)' is not one of the roles played here\(hint) (\(played.joined(separator: ", "))).",
             "'\(role)' はこの端末で担当していないロールです\(hint)（\(played.joined(separator: ", "))）。")
    }
    func notRecorded(_ why: String) -> String { text("Not recorded: \(why)", "記録されませんでした: \(why)") }
    func unknownCommand(_ word: String, hint: String, commands: [String]) -> String {
        text("Unknown command '\(word)'\(hint); commands: \(commands.joined(separator: " ")). Actions have no slash, e.g. 'ack'.",
             "不明なコマンド '\(word)'\(hint)。コマンド: \(commands.joined(separator: " "))。アクションにはスラッシュを付けません（例: ack）。")
    }
    func status(time: String, duration: String, state: String, delivered: Int, met: Int, objectives: Int) -> String {
        text("Drill time \(time) of \(duration) (\(state)); injects so far: \(delivered); objectives met: \(met) of \(objectives).",
             "訓練時刻 \(time) / \(duration)（\(state)）。受信したインジェクト: \(delivered)。達成した目標: \(met) / \(objectives)。")
    }
    var running: String { text("running", "進行中") }
    var paused: String { text("paused", "一時停止中") }
    var ended: String { text("ended", "終了") }

    func help(currentRole: String, played: [String], roles: [Role], channels: [String]) -> String {
        let roleList = roles.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
        return text("""
            You are acting as \(currentRole). Actions:
              ack [text]                               acknowledge
              escalate <role> [via <channel>] [text]   escalate (channel defaults to chat)
              do <text>                                take an action
              say <text>                               communicate
              report <text>                            report
              resolve [text]                           resolve
              @<role> [action]                         act as another played role (\(played.joined(separator: ", ")))
            \(steers ? "Drill control:\n  /start  /pause  /resume  /status  /help  /end    (end of input also ends the drill)" : "Commands:\n  /status  /help  /quit    (the trainer starts, pauses and ends the drill)")
            Roles: \(roleList)
            Channels: \(channels.joined(separator: ", "))
            """, """
            現在のロール: \(currentRole)。アクション:
              ack [テキスト]                               受領（確認）
              escalate <ロール> [via <チャネル>] [テキスト]  エスカレーション（チャネル省略時は chat）
              do <テキスト>                                対応を実施
              say <テキスト>                               連絡・周知
              report <テキスト>                            報告
              resolve [テキスト]                           解決
              @<ロール> [アクション]                        担当する別ロールとして操作（\(played.joined(separator: ", "))）
            \(steers ? "訓練の操作:\n  /start  /pause  /resume  /status  /help  /end    （入力の終了でも訓練は終わります）" : "コマンド:\n  /status  /help  /quit    （開始・一時停止・終了はトレーナーが行います）")
            ロール: \(roleList)
            チャネル: \(channels.joined(separator: ", "))
            """)
    }

    // Joining a drill on a server
    func joined(_ title: String, server: String) -> String {
        text("Joined '\(title)' on \(server).", "\(server) の「\(title)」に参加しました。")
    }
    var waitingForTrainer: String {
        text("Waiting for the trainer to start the drill. /help lists the commands.", "トレーナーが訓練を開始するまでお待ちください。/help でコマンド一覧を表示します。")
    }
    var connectionLost: String { text("Connection to the server lost; reconnecting…", "サーバーとの接続が切れました。再接続しています…") }
    var reconnected: String { text("Reconnected; nothing was missed.", "再接続しました。受信漏れはありません。") }
    var onlyTheTrainer: String {
        text("Only the trainer starts, pauses, resumes and ends the drill.", "訓練の開始・一時停止・再開・終了はトレーナーが行います。")
    }
    var leftDrill: String {
        text("You left the drill; it goes on. Run the same command to join again.", "訓練から退出しました（訓練は続いています）。同じコマンドで再参加できます。")
    }
    func remoteStatus(time: String, duration: String, state: String) -> String {
        text("Drill time \(time) of \(duration) (\(state)).", "訓練時刻 \(time) / \(duration)（\(state)）。")
    }
    var ready: String { text("not started", "開始前") }
    var thanks: String { text("Thank you. The trainer has the report.", "ご協力ありがとうございました。レポートはトレーナーが確認します。") }

    // Recap and resume
    var recapHeading: String { text("What you had seen before the interruption:", "中断前に受け取っていた内容:") }
    func resumingAt(_ runID: String, time: String) -> String {
        text("Resuming run \(runID) at drill time \(time). The drill is paused: type /resume to continue.",
             "実行 \(runID) を訓練時刻 \(time) から再開します。一時停止中です。/resume で続行します。")
    }
    func completingRecord(_ runID: String, time: String) -> String {
        text("Run \(runID) had ended at \(time); completing its record.", "実行 \(runID) は \(time) に終了していました。記録を完成させます。")
    }
    func interrupted(resume: String) -> String {
        text("Interrupted. Everything acknowledged is stored; continue with: \(resume)",
             "中断しました。確定した内容はすべて保存済みです。続行するには: \(resume)")
    }

    // Survey
    var surveyIntro: String {
        text("Survey: answer 1 (poor) to 5 (excellent); a number may be followed by a comment; write freely where asked; Enter skips.",
             "アンケート: 1（不十分）〜5（非常に良い）で回答してください。数字の後にコメントを続けられます。自由記述の質問は文章で。Enter で飛ばします。")
    }
    var scaleHint: String { "[1-5]" }
    var textHint: String { text("[text]", "[自由記述]") }
    var surveyRetry: String {
        text("Please answer with a number from 1 to 5 (a comment may follow), or press Enter to skip.",
             "1〜5 の数字で回答してください（後にコメントを続けられます）。Enter で飛ばします。")
    }

    // Closing table
    var objectiveHeader: [String] {
        language == .japanese
            ? ["目標", "種類", "目標時間", "経過", "得点", "評価"]
            : ["Objective", "Kind", "Target", "Elapsed", "Credit", "Rating"]
    }
    func status(_ status: DrillReport.ObjectiveStatus) -> String {
        switch status {
        case .met: ""
        case .missed: text("missed", "未達成")
        case .notApplicable: text("n/a", "対象外")
        case .notExercised: text("not exercised", "未実施")
        }
    }
    func score(_ score: String) -> String { text("Score: \(score)", "スコア: \(score)") }
    var notScored: String { text("not scored", "採点なし") }
    func coverage(_ coverage: DrillReport.Coverage) -> String {
        text("The score covers \(coverage.objectivesExercised) of \(coverage.objectivesTotal) objectives: the drill ended before the others could be judged.",
             "スコアは \(coverage.objectivesTotal) 件中 \(coverage.objectivesExercised) 件の目標のみが対象です（残りは判定前に訓練が終了しました）。")
    }
    func recorded(_ runID: String, path: String, head: String) -> String {
        text("Run \(runID) recorded in \(path); chain head \(head).", "実行 \(runID) を \(path) に記録しました。チェーンヘッド \(head)。")
    }
    func reportsWritten(_ directory: String) -> String {
        text("Reports written to \(directory)/report.json and report.md", "レポートを \(directory)/report.json と report.md に出力しました")
    }
}
