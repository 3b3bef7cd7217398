/// The keys of the trends page's texts (`firedrill trends --format html`), `Catalog/trends.{en,ja}.json`,
/// read by `TrendsHTMLRenderer` (FiredrillReporting). The `count.*` and `time.*` texts name a
/// series of counts or of drill times by the name `trends` gives it (`time to acknowledge`).
public enum TrendsText: String, CatalogKey {
    public static let file = "trends"

    // The page
    case title, kind, byDepartment, byScenario, explanation, noRuns, runs, runsOne
    // The table and the charts
    case seriesColumn, median, latest, incomplete, incompleteRun, medianLine, p90Line
    // Series
    case scoreSeries, creditSeries, quizSeries, timeSeries
    case countObjectivesMet = "count.objectives met", countActionsTaken = "count.actions taken"
    case timeToAcknowledge = "time.time to acknowledge", timeToEscalate = "time.time to escalate"
    case timeToFirstAction = "time.time to first action", timeToResolve = "time.time to resolve"
}
