extension ValidationMessage {
    /// Every message, with its English and Japanese templates below. A template names its
    /// values as `{placeholder}`; both templates of a message name the same ones. Japanese
    /// templates write the format's keys and the words people type in 「」 as written.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        // The scenario's fields (ScenarioDecoder).
        case languageTag, channelsEmpty, nobodyPlays, unknownSurveyKind, versionNotNumber, unsupportedVersion, versionQuoted
        case duplicateID, personaChannelsEmpty, needsTrigger, delayOnlyWithWhen, delayWithAt, bothAtAndWhen, atAfterEnd
        case toNotAllOrList, toOneRoleHint, toEmpty, unknownRole, onlySimulatedRecipients
        case unknownObjectiveKind, byEmpty, simulatedBy, unknownRoleIn, unknownInjectIn, limitNotAfterTarget, zeroTargetNeedsLimit
        case targetBeyondDrill, weightNegative, weightTooLarge, onlyForEscalate, escalateNeedsTo, viaEmpty, matchNotApplicable
        case matchEmpty, unknownControl, unknownControlShort, quizTooFewChoices, quizAnswerNotIndex, quizAnswerOutOfRange
        case conditionProblem, unknownObjectiveInMet, unknownInjectInDelivered, waitsOnCycle, blockedByCycle
        // The readers of mappings, lists and values.
        case notAMapping, keyNotWord, unknownKey, duplicateKey, missingKey, notAList, listExample, listEmpty, tooManyEntries
        case notText, noValue, tooLong, controlCharacter, notOneLine, emptyText, notSlugKind, notSlug, slugSuggestion, eachEntryOf
        case appearsTwice, unknownChannel, notDurationKind, notDuration, notPositive, notNumberKind, unusableNumber, didYouMean
        // Conditions (ConditionParser).
        case conditionTooLong, conditionEmpty, conditionTrailing, conditionTooDeep, conditionEndsEarly, conditionUnclosed
        case conditionNeedsParen, conditionNeedsID, conditionNeedsCloseParen, conditionUnexpected
        // The YAML or JSON text.
        case yamlStartFailed, secondDocument, tooDeep, undefinedAlias, tooManyNodes, yamlSyntax, yamlContext, yamlTabs, yamlNotText
        case emptyFile, unreadableDocument, duplicateKeys
        // The file (InputFile).
        case noSuchFile, linkLoop, permissionDenied, pathNotDirectory, pathTooLong, isDirectoryShort, cannotOpen, cannotExamine
        case isDirectory, isPipe, isDevice, isSocket, notRegularFile, cannotRead, byteOrderMark, looksLikeUTF16, nulBytes, notUTF8
        case fileTooLarge
        // Around the problems: how they are listed, and what validate and the server say of them.
        case warningPrefix, moreProblems, validFile, invalidFile, invalidFiles, notFound, noBundledScenarios, scenarioNotValid
        case uploadProblem, uploadProblems, saveProblem, saveProblems, savedVersionInvalid

        // One line a message: the English, then the Japanese.
        public var templates: (english: String, japanese: String) {
            switch self {
            case .languageTag: ("language '{tag}' is not a BCP-47 language tag; write e.g. 'en', 'ja' or 'pt-BR'", "「language」（言語）の「{tag}」は言語コードとして読めません。「en」「ja」「pt-BR」のように書いてください")
            case .channelsEmpty: ("channels is empty; list the channels this scenario uses, or leave the key out to use the defaults", "「channels」（使う手段）が空です。このシナリオで使う手段を並べるか、キーごと削除して既定の手段を使ってください")
            case .nobodyPlays: ("every role has a persona, so nobody can play this drill; at least one role must be played by a person (leave out its persona)", "すべての役割に「persona」（訓練側が演じる役の設定）があるため、この訓練には参加者が担当できる役割がありません。少なくとも 1 つの役割は人が担当するようにしてください（その役割の「persona」を削除します）")
            case .unknownSurveyKind: ("unknown survey question kind '{word}'{hint} (kinds: scale for 1–5, text for free text)", "アンケートの質問の種類に「{word}」はありません{hint}（種類：1〜5 の評価は「scale」、自由記述は「text」）")
            case .versionNotNumber: ("firedrill must be the format version, the number 1; found {found}", "「firedrill」（形式のバージョン）には数字の 1 を書いてください（いまは{found}です）")
            case .unsupportedVersion: ("unsupported format version {version}; this firedrill reads version 1 (write 'firedrill: 1')", "形式のバージョン {version} には対応していません。このツールが読めるのはバージョン 1 です（「firedrill: 1」と書いてください）")
            case .versionQuoted: ("firedrill must be the number 1 (without quotes); found {found} '{value}'", "「firedrill」（形式のバージョン）には数字の 1 を引用符なしで書いてください（いまは{found}の「{value}」です）")
            case .duplicateID: ("duplicate {what} id '{id}' (first defined at line {line}); {what} ids must be unique", "{what}の「id」（識別名）「{id}」が重複しています（最初は {line} 行目）。{what}の「id」はそれぞれ別の名前にしてください")
            case .personaChannelsEmpty: ("persona channels is empty, so the persona would ignore every escalation; list at least one channel or leave the key out", "「persona」の「channels」（受け付ける手段）が空のため、この役はどのエスカレーションにも応じません。手段を 1 つ以上並べるか、キーごと削除してください")
            case .needsTrigger: ("inject '{id}' needs either 'at:' (a drill time such as 10m) or 'when:' (a condition such as met(ack-alert))", "インジェクト「{id}」には「at」（配信時刻。例：「10m」）か「when」（配信のきっかけとなる条件。例：「met(ack-alert)」）のどちらかが必要です")
            case .delayOnlyWithWhen: ("'delay' only goes with 'when'", "「delay」（待ち時間）は「when」（配信のきっかけとなる条件）と組み合わせるときだけ書けます")
            case .delayWithAt: ("'delay' only goes with 'when'; with 'at', put the full time in 'at'", "「delay」（待ち時間）は「when」（配信のきっかけとなる条件）と組み合わせるときだけ書けます。「at」（配信時刻）を使うときは、待ち時間を含めた時刻を「at」に書いてください")
            case .bothAtAndWhen: ("inject '{id}' has both 'at' (line {line}) and 'when'; keep exactly one of them", "インジェクト「{id}」に「at」（{line} 行目）と「when」の両方があります。どちらか一方だけにしてください")
            case .atAfterEnd: ("'at' {at} is after the end of the drill (duration {duration}); deliver it earlier or lengthen the drill", "「at」（配信時刻）の{at}は訓練の終わり（「duration」の{duration}）より後です。配信を早めるか、訓練時間を延ばしてください")
            case .toNotAllOrList: ("'to' must be the word 'all' or a list of role ids, found '{value}'{hint}", "「to」（宛先）には「all」か、役割の「id」のリストを書いてください（いまは「{value}」です）{hint}")
            case .toOneRoleHint: ("; to send to one role, write a list: [{id}]", "。1 つの役割に送るときも「[{id}]」のようにリストで書きます")
            case .toEmpty: ("'to' is empty; name at least one role, or write 'all'", "「to」（宛先）が空です。役割を 1 つ以上書くか、「all」と書いてください")
            case .unknownRole: ("unknown role '{id}'{hint}", "役割「{id}」はこのシナリオにありません{hint}")
            case .onlySimulatedRecipients: ("this inject goes only to simulated roles (personas), so no player will see it", "このインジェクトの宛先は訓練側が演じる役（「persona」のある役割）だけなので、参加者には届きません")
            case .unknownObjectiveKind: ("unknown objective kind '{word}'{hint} (kinds: {kinds})", "目標の種類に「{word}」はありません{hint}（種類：{kinds}）")
            case .byEmpty: ("'by' is empty, so nobody could meet this objective; name roles or leave the key out", "「by」（達成できる役割）が空のため、誰もこの目標を達成できません。役割を書くか、キーごと削除してください")
            case .simulatedBy: ("role '{role}' is simulated (it has a persona) and never acts; only roles played by people can meet objectives", "役割「{role}」は訓練側が演じる役（「persona」あり）で、自分からは行動しません。目標を達成できるのは人が担当する役割だけです")
            case .unknownRoleIn: ("unknown role '{id}' in '{what}'{hint}", "{what}に書かれた役割「{id}」はこのシナリオにありません{hint}")
            case .unknownInjectIn: ("unknown inject '{id}' in '{what}'{hint}", "{what}に書かれたインジェクト「{id}」はこのシナリオにありません{hint}")
            case .limitNotAfterTarget: ("limit {limit} must be greater than target {target}", "「limit」（期限）の{limit}は「target」（目標時間）の{target}より長くしてください")
            case .zeroTargetNeedsLimit: ("target 0s needs an explicit 'limit' greater than 0 (the default limit is twice the target)", "「target」（目標時間）を 0 秒にするときは、0 より長い「limit」（期限）も書いてください（期限を書かないと目標時間の 2 倍になります）")
            case .targetBeyondDrill: ("target {target} is longer than the whole drill ({duration})", "「target」（目標時間）の{target}が訓練全体の長さ（{duration}）を超えています")
            case .weightNegative: ("weight must be 0 or more; 0 tracks the objective without scoring it", "「weight」（重み）は 0 以上にしてください。0 にすると、採点せずに記録だけします")
            case .weightTooLarge: ("weight {weight} is too large; weights are relative, from 0 to {maximum} (e.g. 1 for most objectives, 2 or 3 for the critical ones)", "「weight」（重み）の {weight} は大きすぎます。重みは目標どうしの比率で、0 から {maximum} までです（ふつうの目標は 1、特に重要な目標は 2 か 3 など）")
            case .onlyForEscalate: ("'{what}' only applies to escalate objectives", "{what}は種類が「escalate」（エスカレーション）の目標にだけ書けます")
            case .escalateNeedsTo: ("escalate objective '{id}' needs 'to:', the role that must be escalated to", "エスカレーションの目標「{id}」には「to」（エスカレーションの宛先となる役割）が必要です")
            case .viaEmpty: ("'via' is empty, so no escalation could count; list channels or leave the key out", "「via」（受け付ける手段）が空のため、どのエスカレーションも数えられません。手段を並べるか、キーごと削除してください")
            case .matchNotApplicable: ("'match' does not apply to {kind} objectives; it is for action, communicate, report and resolve", "「match」（キーワード）は種類が「{kind}」の目標には使えません。使えるのは種類が「action」「communicate」「report」「resolve」の目標です")
            case .quizTooFewChoices: ("a quiz question needs at least 2 choices; found {count}", "理解度確認の質問には選択肢が 2 つ以上必要です（いまは {count} つです）")
            case .quizAnswerNotIndex: ("'answer' is the number of the correct choice, counted from 0 (or a list of them, such as [0, 2]); found '{found}'", "「answer」（正解）には正しい選択肢の番号を 0 から数えて書いてください（複数のときは「[0, 2]」のようなリストです。いまは「{found}」です）")
            case .quizAnswerOutOfRange: ("answer {index} is not one of the choices: they are numbered 0 to {last}", "正解の番号 {index} に当たる選択肢がありません（選択肢の番号は 0 から {last} までです）")
            case .matchEmpty: ("'match' is empty; list keywords or leave the key out to accept any text", "「match」（キーワード）が空です。キーワードを並べるか、どんな文でも認めるならキーごと削除してください")
            case .unknownControl: ("unknown control '{control}'{hint}; write ISO/IEC 27001:2022 Annex A ids (A.5.24), NIST SP 800-53 IR ids (IR-3) or CSF 2.0 functions (DE, RS, RC)", "管理策「{control}」はありません（管理策は ISO/IEC 27001:2022 附属書Aの番号「A.5.24」、NIST SP 800-53 のインシデント対応の管理策番号「IR-3」、CSF 2.0 の機能「DE」「RS」「RC」のように書きます）{hint}")
            case .unknownControlShort: ("unknown control '{control}'{hint}", "管理策「{control}」はありません{hint}")
            case .conditionProblem: ("in '{what}': {problem}", "{what}：{problem}")
            case .unknownObjectiveInMet: ("in '{what}': unknown objective '{id}' in met({id}){hint}", "{what}：「met({id})」の目標「{id}」はこのシナリオにありません{hint}")
            case .unknownInjectInDelivered: ("in '{what}': unknown inject '{id}' in delivered({id}){hint}", "{what}：「delivered({id})」のインジェクト「{id}」はこのシナリオにありません{hint}")
            case .waitsOnCycle: ("inject '{id}' can never fire: its 'when' waits on a cycle ({cycle}); break the cycle with an 'at' inject or an 'or' alternative", "インジェクト「{id}」は配信されることがありません。「when」（配信のきっかけとなる条件）がたどる先で、インジェクトが互いを待ち合っています（{cycle}）。そのどれかを「at」で時刻を決めて配信するか、「or」で別の条件を加えてください")
            case .blockedByCycle: ("inject '{id}' can never fire: its 'when' depends on injects that wait on a cycle ({blockers})", "インジェクト「{id}」は配信されることがありません。「when」（配信のきっかけとなる条件）が、互いを待ち合っていて配信されないインジェクト（{blockers}）を待っています")

            case .notAMapping: ("{what} must be a mapping of keys ({keys}, …); found {found}", "{what}は「キー: 値」の組で書いてください（キーは {keys} など）。いまは{found}です")
            case .keyNotWord: ("keys must be plain words; found {found}", "キーはふつうの単語で書いてください（いまは{found}です）")
            case .unknownKey: ("unknown key '{key}' in {what}{hint} (allowed: {allowed})", "{what}に「{key}」というキーはありません{hint}（使えるキー：{allowed}）")
            case .duplicateKey: ("duplicate key '{key}' (first at line {line})", "キー「{key}」が重複しています（最初は {line} 行目）")
            case .missingKey: ("{what} is missing the required key '{key}'", "{what}に必須のキー「{key}」がありません")
            case .notAList: ("'{what}' must be a list; found {found}{example}", "{what}はリストで書いてください（いまは{found}です）{example}")
            case .listExample: ("; write a list, e.g. [{value}]", "。例：「[{value}]」")
            case .listEmpty: ("'{what}' is empty; a scenario needs at least one", "{what}が空です。シナリオには 1 つ以上必要です")
            case .tooManyEntries: ("'{what}' has {count} entries; the limit is {maximum}", "{what}の項目が {count} 個あります。上限は {maximum} 個です")
            case .notText: ("'{what}' must be text; found {found}", "{what}は文字で書いてください（いまは{found}です）")
            case .noValue: ("'{what}' has no value; write text or leave the key out", "{what}に値がありません。文字を書くか、キーごと削除してください")
            case .tooLong: ("'{what}' is {length} characters long; the limit is {maximum}", "{what}が {length} 文字あります。上限は {maximum} 文字です")
            case .controlCharacter: ("'{what}' contains the control character {character} at character {offset}; remove it (control characters could rewrite a participant's screen)", "{what}の {offset} 文字目に制御文字 {character} があります。削除してください（制御文字は参加者の画面を書き換えるおそれがあります）")
            case .notOneLine: ("'{what}' must be one line", "{what}は 1 行で書いてください")
            case .emptyText: ("'{what}' is empty", "{what}が空です")
            case .notSlugKind: ("{what} must be a slug such as 'mail-alert'; found {found}", "{what}は「mail-alert」のような識別名で書いてください（いまは{found}です）")
            case .notSlug: ("{what} '{value}' is not a slug: use 1–64 lower-case letters, digits and '-', starting with a letter or digit{suggestion}", "{what}の「{value}」は識別名に使えません。半角の英小文字・数字・「-」の 1〜64 文字で、英小文字か数字で始めてください{suggestion}")
            case .slugSuggestion: ("; e.g. '{slug}'", "（例：「{slug}」）")
            case .eachEntryOf: ("each entry of '{what}'", "{what}の各項目")
            case .appearsTwice: ("'{value}' appears twice in '{what}'", "{what}に「{value}」が 2 回あります")
            case .unknownChannel: ("unknown channel '{name}'{hint} (channels: {channels})", "手段「{name}」はありません{hint}（使える手段：{channels}）")
            case .notDurationKind: ("'{what}' must be a duration such as 90s, 5m, 1h30m, 20分 or a number of seconds; found {found}", "{what}は「20分」「1時間30分」「90s」「5m」のような時間か、秒数で書いてください（いまは{found}です）")
            case .notDuration: ("'{what}' value '{value}' is not a duration; write e.g. 90s, 5m, 1h30m, 2m30s, 20分, 1時間30分 or a whole number of seconds (at most 30 days)", "{what}の「{value}」は時間として読めません。「20分」「1時間30分」「90秒」「90s」「5m」「1h30m」のように書くか、秒数を整数で書いてください（30 日まで）")
            case .notPositive: ("'{what}' must be longer than 0s", "{what}は 0 秒より長くしてください")
            case .notNumberKind: ("'{what}' must be a number such as 1 or 2.5; found {found}", "{what}は 1 や 2.5 のような数値で書いてください（いまは{found}です）")
            case .unusableNumber: ("'{what}' value {value} is not a usable number; write a plain number such as 1 or 2.5", "{what}の {value} は数値として使えません。1 や 2.5 のようなふつうの数値を書いてください")
            case .didYouMean: ("; did you mean '{word}'?", "。「{word}」の書き間違いではありませんか？")

            case .conditionTooLong: ("condition is longer than {maximum} characters", "条件が {maximum} 文字を超えています")
            case .conditionEmpty: ("condition is empty", "条件が空です")
            case .conditionTrailing: ("unexpected '{token}' after a complete condition; join conditions with 'and' or 'or'", "条件の後ろに余分な「{token}」があります。条件どうしは「and」か「or」でつないでください")
            case .conditionTooDeep: ("condition is nested more than {maximum} levels deep", "条件の入れ子が {maximum} 段を超えています")
            case .conditionEndsEarly: ("condition ends early; expected met(...), delivered(...), 'not' or '('", "条件が途中で終わっています。続けて「met(...)」「delivered(...)」「not」「(」のどれかを書いてください")
            case .conditionUnclosed: ("missing ')' to close the '(' at offset {offset}", "{offset} 文字目の「(」を閉じる「)」がありません")
            case .conditionNeedsParen: ("expected '(' after '{word}', as in {word}(some-id)", "「{word}」の後ろには「(」が必要です（例：「{word}(some-id)」）")
            case .conditionNeedsID: ("{word}(...) needs an id", "「{word}(...)」の括弧の中に「id」（識別名）を書いてください")
            case .conditionNeedsCloseParen: ("expected ')' after '{word}({id}'", "「{word}({id}」の後ろに「)」が必要です")
            case .conditionUnexpected: ("unexpected '{token}'; expected met(...), delivered(...), 'not' or '('{hint}", "「{token}」は条件として読めません。「met(...)」「delivered(...)」「not」「(」のどれかを書いてください{hint}")

            case .yamlStartFailed: ("could not start the YAML parser (out of memory?)", "YAML を読み始められませんでした（メモリー不足かもしれません）")
            case .secondDocument: ("a second YAML document starts here; a scenario file holds exactly one (remove the '---' line or split the file)", "ここから 2 つ目の YAML 文書が始まっています。シナリオファイルに書ける文書は 1 つだけです（「---」の行を削除するか、ファイルを分けてください）")
            case .tooDeep: ("the document is nested more than {depth} levels deep; a scenario needs no more than four", "入れ子が {depth} 段を超えています。シナリオに必要なのは 4 段までです")
            case .undefinedAlias: ("alias refers to an anchor that is not defined before it", "エイリアス（「*名前」）が、それより前で定義されていないアンカー（「&名前」）を指しています")
            case .tooManyNodes: ("the document expands to more than {maximum} values (through YAML aliases or sheer size); it is rejected as too large", "文書を展開すると値が {maximum} 個を超えます（YAML のエイリアスによるものか、単に大きすぎるため）。大きすぎるので受け付けられません")
            case .yamlSyntax: ("YAML syntax error: {problem}{context}{advice}", "YAML の書き方に誤りがあります：{problem}{context}{advice}")
            case .yamlContext: (" ({context} at line {line})", "（{line} 行目から始まる{context}中）")
            case .yamlTabs: ("; YAML does not allow tabs for indentation, use spaces", "。YAML では字下げにタブを使えません。スペースで字下げしてください")
            case .yamlNotText: ("; is this a text file?", "。テキストファイルではないのかもしれません")
            case .emptyFile: ("the file is empty; a scenario starts with 'firedrill: 1'", "ファイルが空です。シナリオは「firedrill: 1」の行から書き始めます")
            case .unreadableDocument: ("cannot read the document: {detail}", "文書を読み取れません：{detail}")
            case .duplicateKeys: ("duplicate key {keys} in one mapping; each key may appear once", "同じ組の中でキー{keys}が重複しています。キーはそれぞれ 1 回だけ書けます")

            case .noSuchFile: ("no such file", "ファイルがありません")
            case .linkLoop: ("is a loop of symbolic links (or too many of them); name the file itself", "シンボリックリンクが循環しています（または多すぎます）。ファイルそのものを指定してください")
            case .permissionDenied: ("cannot be read: permission denied", "読み取る権限がありません")
            case .pathNotDirectory: ("a part of the path is not a directory", "パスの途中にフォルダーでないものがあります")
            case .pathTooLong: ("the path is too long", "パスが長すぎます")
            case .isDirectoryShort: ("is a directory, not a file", "ファイルではなくフォルダーです")
            case .cannotOpen: ("cannot be opened ({reason})", "開けません（{reason}）")
            case .cannotExamine: ("cannot be examined ({reason})", "ファイルの情報を取得できません（{reason}）")
            case .isDirectory: ("is a directory, not a file; name the file inside it", "ファイルではなくフォルダーです。中にあるファイルを指定してください")
            case .isPipe: ("is a pipe (FIFO), not a regular file; save the text to a file and name that", "ふつうのファイルではなくパイプです。内容をファイルに保存して、そのファイルを指定してください")
            case .isDevice: ("is a device, not a regular file", "ふつうのファイルではなくデバイスです")
            case .isSocket: ("is a socket, not a regular file", "ふつうのファイルではなくソケットです")
            case .notRegularFile: ("is not a regular file", "ふつうのファイルではありません")
            case .cannotRead: ("cannot be read ({reason})", "読み取れません（{reason}）")
            case .byteOrderMark: ("the file is {encoding} text (it starts with a {encoding} byte-order mark); save it as UTF-8", "このファイルの文字コードは {encoding} です（先頭に {encoding} のバイト順マークがあります）。UTF-8 で保存し直してください")
            case .looksLikeUTF16: ("the file looks like UTF-16 text (every other byte is zero); save it as UTF-8", "このファイルの文字コードは UTF-16 のようです（1 バイトおきに 0 があります）。UTF-8 で保存し直してください")
            case .nulBytes: ("the file contains NUL bytes; it looks like a binary file, not text", "ファイルに値が 0 のバイトがあります。テキストではなくバイナリーファイルのようです")
            case .notUTF8: ("the file is not valid UTF-8 (first bad byte here; is it Shift_JIS or Latin-1?); save it as UTF-8", "このファイルは UTF-8 として読めません（ここが最初の読めないバイトです。Shift_JIS や Latin-1 で保存されていませんか？）。UTF-8 で保存し直してください")
            case .fileTooLarge: ("the file is {size} MB; the limit is {limit} MB", "ファイルの大きさが {size} MB あります。上限は {limit} MB です")

            case .warningPrefix: ("warning: ", "警告：")
            case .moreProblems: ("… and {count} more problems", "…ほかに {count} 件の問題があります")
            case .validFile: ("ok — '{id}', {injects} injects, {objectives} objectives, {roles} roles", "問題ありません（「{id}」：インジェクト {injects} 件、目標 {objectives} 件、役割 {roles} 件）")
            case .invalidFile: ("{invalid} of {count} file invalid", "{count} 件のファイルのうち {invalid} 件に問題があります")
            case .invalidFiles: ("{invalid} of {count} files invalid", "{count} 件のファイルのうち {invalid} 件に問題があります")
            case .notFound: ("'{argument}' is not a file nor a bundled scenario{hint} (bundled: {names}, each also as <id>-ja)", "「{argument}」というファイルも同梱のシナリオもありません{hint}（同梱のシナリオ：{names}。それぞれ末尾に「-ja」を付けた日本語版もあります）")
            case .noBundledScenarios: ("'{argument}' is not a file, and this firedrill has no bundled scenarios (its resource folder is missing)", "「{argument}」というファイルはありません。このツールには同梱のシナリオもありません（リソースのフォルダーが見つかりません）")
            case .scenarioNotValid: ("the scenario is not valid; fix the problems above (firedrill validate {path})", "シナリオに問題があります。上の問題を直してください（確かめるには「firedrill validate {path}」）")
            case .uploadProblem: ("the scenario has {count} problem; fix them and upload it again", "シナリオに {count} 件の問題があります。直してからもう一度アップロードしてください")
            case .uploadProblems: ("the scenario has {count} problems; fix them and upload it again", "シナリオに {count} 件の問題があります。直してからもう一度アップロードしてください")
            case .saveProblem: ("the scenario has {count} problem; nothing was saved, fix them and save again", "シナリオに {count} 件の問題があるため、保存しませんでした。直してからもう一度保存してください")
            case .saveProblems: ("the scenario has {count} problems; nothing was saved, fix them and save again", "シナリオに {count} 件の問題があるため、保存しませんでした。直してからもう一度保存してください")
            case .savedVersionInvalid: ("version {version} of '{name}' no longer validates; open it in the editor, fix it and save it again", "「{name}」のバージョン {version} は、いまの確認では問題があります。エディターで開いて直し、もう一度保存してください")
            }
        }
    }
}
