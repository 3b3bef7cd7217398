/// The keys of what the terminal drill says (`run`, `resume`, `join`),
/// `Catalog/terminal.{en,ja}.json`, read through `TerminalStrings` (FiredrillCLI). The
/// `channel.*` texts name a channel in the escalation question, looked up by its id.
public enum TerminalText: String, CatalogKey {
    public static let file = "terminal"

    // Briefing
    case youPlay, otherRoles, briefing, plannedLength, startHint, notStartedYet, alreadyStarted, nothingRecorded, recording
    // The drill
    case drillStarted, drillPaused, drillPausedByTrainer, drillInterrupted, drillInterruptedOnServer, drillResumed, speedUsage
    case didYouMeanEscalation, speedChanged, clockAdvanced, drillEnded, unknownSender, from, to, noAnswerOver, nowActingAs
    case notPlayedHere, notRecorded, unknownCommand, status, running, paused, ended, help, helpSteering, helpPlaying
    case channelChat = "channel.chat", channelEmail = "channel.email", channelPhone = "channel.phone"
    case channelInPerson = "channel.in-person", channelPager = "channel.pager", channelTicket = "channel.ticket"
    case channelMonitoring = "channel.monitoring", channelNews = "channel.news", channelSocial = "channel.social"
    case channelWeb = "channel.web"
    // Joining a drill on a server
    case joined, waitingForTrainer, connectionLost, reconnected, onlyTheTrainer, leftDrill, remoteStatus, ready, thanks
    // Recap and resume
    case recapHeading, resumingAt, completingRecord, interrupted
    // Survey
    case surveyIntro, textHint, surveyRetry
    case roleCardTitle, noRoleCard, quizIntro, quizHint, quizHintMultiple, quizRetry, quizCorrect, quizWrong, quizScore
    // Closing table
    case columnObjective, columnKind, columnTarget, columnElapsed, columnCredit, columnRating, objectiveMissed
    case objectiveNotApplicable, objectiveNotExercised, score, notScored, coverage, recorded, reportsWritten
}
