/// The keys of the after-action report's texts, `Catalog/report.{en,ja}.json`: headings, labels
/// and sentences of the Markdown and HTML reports and their charts, read through
/// `ReportStrings` (FiredrillReporting). A case with a dotted raw value (`capability.Planning`)
/// is the text of a value the record holds as a string, looked up by that string.
public enum ReportText: String, CatalogKey {
    public static let file = "report"

    // Document
    case documentTitle, documentShortTitle, documentKind, blamelessNote, generatedBy
    // Sections
    case overview, headline, timelineChart, creditChart, analysis, generalObservations, metricsSection, improvementPlan, feedback
    case controlsSection, evidence, eventLog, injectsSection, wordingReview, rolesSection, appendix, contents
    // Overview
    case exerciseName, scenarioID, dateLocal, notRecorded, duration, durationCutOff, durationPlayed, mode, modeLive, modeReplay
    case modeSpeed, modeNameLive, modeNameReplay, scope, scopeValue, scopeValueOneDepartment, tags, departmentsAndRoles
    case simulatedRoles, noDepartment, summary, conduct, conductValue, playerAction, playerActions, message, messages, pause
    case pauses, interruption, interruptions, speedChange, speedChanges, skippedToNextMessage
    // Headline
    case score, outOf100, notScored, coverage, coverageValue, complete, endedEarlyAt, endedEarlyBeforeEnd, incompleteWarning
    case incompleteWarningOne, scoreExplained, ratingsCount, timingChain, detection, acknowledgement, effectiveEscalation
    case firstEffectiveAction, resolution, noValue, timingChainNote, afterDetection
    // Metrics
    case metric, measures, drillTime, sinceDetection, metricsNote
    // Objectives
    case objective, kind, weight, clockStartedAt, target, limit, elapsed, credit, automaticRating, officialRating
    case automaticScoreValue, adjudicationExplained, decisions, actionLabel, inReplyTo, adlibInject, evaluatorRating, metBy
    case status, expectedAction, strengths, areasForImprovement, otherObservations, noObservations, controls
    case observationClassification, elapsedAfter, ratingsLegend, elapsedExplained, interrupted
    // Improvement plan
    case issue, correctiveAction, capability, responsibleOrgAndRole, startDate, completionDate, closingEvidence, overdue, noPlan
    case planNotRecorded, planOpen, planClosedAndOverdue, planSummary, closedOn, strengthOf
    case capabilityPlanning = "capability.Planning", capabilityOrganization = "capability.Organization"
    case capabilityEquipment = "capability.Equipment", capabilityTraining = "capability.Training"
    case capabilityExercise = "capability.Exercise"
    case actionStatusOpen = "actionStatus.open", actionStatusInProgress = "actionStatus.in-progress"
    case actionStatusClosed = "actionStatus.closed"
    // Feedback
    case question, answers, median, scores, noSurvey, noAnswers, scaleExplained
    case quizHeading, shareCorrect, byDepartment, departmentShare, quizExplained
    case roleCards, roleCard, roleDid, roleDidNothing, roleCardsNote
    // Controls
    case control, framework, title, evidenceFrom, exerciseAsWhole, controlsNote
    // Evidence
    case runID, recordedStart, recordedEnd, scenarioSHA, chainHead, verification, verified, verificationFailed, notVerified
    case participantsKept, participantsValue, participantsValueOne, notRecordedEvidence, evidenceNote
    case runStatusFinished = "runStatus.finished", runStatusRunning = "runStatus.running"
    case runStatusInterrupted = "runStatus.interrupted", runStatusReady = "runStatus.ready"
    // Event log and injects
    case event, detail, channel, subject, adlib, speedDetail, skippedDetail, meets, simulated, role, department
    // Wording review
    case wordingReviewIntro, noWordingFindings, location, passage, flagged, why, suggestion, observationPlace, surveyPlace
    case correctiveActionPlace, fieldText, ruleParticipantName, rulePersonalFault, ruleCharacterJudgement, ruleHindsight
    case ruleHumanError
    // Charts
    case injectsLane, objectivesLane, targetWindow, limitWindow, metMark, missedMark, pausedBand, notPlayed, skippedInject
    case deliveredInject, personaReply, timelineChartCaption, creditChartCaption
}
