import Prometheus
import Synchronization

/// The server's figures in Prometheus' text format (`GET /metrics`): open event streams,
/// events sent, streams dropped for being too slow, the time to acknowledge an action, and
/// how late scheduled injects went out against the drill's schedule.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let streamsOpen: Prometheus.Gauge
    let eventsSent: Prometheus.Counter
    let streamsDropped: Prometheus.Counter
    let actionLatency: DurationHistogram
    let deliveryLateness: DurationHistogram
    let requestErrors: Prometheus.Counter
    let drillsActive: Prometheus.Gauge
    let connectionsShed: Prometheus.Counter
    let connectionsOpen: Prometheus.Gauge
    let reportsBuilt: Prometheus.Counter
    /// One gauge per drill this node runs (several servers on one database), by run id.
    private let owned = Mutex<[String: Prometheus.Gauge]>([:])
    let takeovers: Prometheus.Counter
    let forwarded: Prometheus.Counter

    public init() {
        streamsOpen = registry.makeGauge(descriptor: Self.metric("event_streams", unit: "open", "Event streams open now"))
        eventsSent = registry.makeCounter(descriptor: Self.counter("events_sent", "Event-stream messages sent to clients"))
        streamsDropped = registry.makeCounter(descriptor: Self.counter(
            "event_streams_dropped", "Event streams ended because the client did not keep up (it catches up on reconnect)"))
        actionLatency = registry.makeDurationHistogram(
            descriptor: Self.metric("action_latency", unit: "seconds", "From an action's request to its 201, after the event is committed"),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)])
        deliveryLateness = registry.makeDurationHistogram(
            descriptor: Self.metric("delivery_lateness", unit: "seconds", "How late after their scheduled time injects and persona replies were processed"),
            buckets: [.microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(20),
                      .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1)])
        requestErrors = registry.makeCounter(descriptor: Self.counter("server_errors", "Requests answered 500"))
        drillsActive = registry.makeGauge(descriptor: Self.metric("drills", unit: "held", "Drills the server holds"))
        connectionsShed = registry.makeCounter(descriptor: Self.counter(
            "connections_shed", "Connections closed before sending anything, to keep room for others near the open-file limit"))
        connectionsOpen = registry.makeGauge(descriptor: Self.metric("connections", unit: "open", "HTTP connections open now"))
        reportsBuilt = registry.makeCounter(descriptor: Self.counter(
            "reports_built", "Reports built from the record (a finished drill's report is built once until its record changes)"))
        takeovers = registry.makeCounter(descriptor: Self.counter(
            "drill_takeovers", "Drills this server took over from a server whose lease had expired"))
        forwarded = registry.makeCounter(descriptor: Self.counter(
            "requests_forwarded", "Requests passed on to the server running their drill"))
    }

    /// Says (`firedrill_drill_owned{run="…"} 1`) that this server runs the drill's engine now,
    /// or no longer.
    func setOwned(_ runID: String, _ owned: Bool) {
        let help = "1 for each drill whose engine this server runs (holds its lease)"
        self.owned.withLock { gauges in
            if owned, gauges[runID] == nil {
                let gauge = registry.makeGauge(name: "firedrill_drill_owned", labels: [("run", runID)], help: help)
                gauge.set(to: 1)
                gauges[runID] = gauge
            } else if !owned, let gauge = gauges.removeValue(forKey: runID) {
                registry.unregisterGauge(gauge)
            }
        }
    }


    /// `firedrill_<name>_<unit>`, with its help text.
    private static func metric(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "firedrill", metricName: name, unitName: unit, helpText: help)
    }

    /// A counter: `firedrill_<name>_total`.
    private static func counter(_ name: String, _ help: String) -> MetricNameDescriptor {
        metric(name, unit: "total", help)
    }

    /// The text exposition format.
    public func render() -> String {
        registry.emitToString()
    }
}
