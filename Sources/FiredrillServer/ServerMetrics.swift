import Prometheus

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

    public init() {
        streamsOpen = registry.makeGauge(descriptor: .init(
            namespace: "firedrill", metricName: "event_streams", unitName: "open", helpText: "Event streams open now"))
        eventsSent = registry.makeCounter(descriptor: .init(
            namespace: "firedrill", metricName: "events_sent", unitName: "total", helpText: "Event-stream messages sent to clients"))
        streamsDropped = registry.makeCounter(descriptor: .init(
            namespace: "firedrill", metricName: "event_streams_dropped", unitName: "total",
            helpText: "Event streams ended because the client did not keep up (it catches up on reconnect)"))
        actionLatency = registry.makeDurationHistogram(
            descriptor: .init(namespace: "firedrill", metricName: "action_latency", unitName: "seconds",
                              helpText: "From an action's request to its 201, after the event is committed"),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)])
        deliveryLateness = registry.makeDurationHistogram(
            descriptor: .init(namespace: "firedrill", metricName: "delivery_lateness", unitName: "seconds",
                              helpText: "How late after their scheduled time injects and persona replies were processed"),
            buckets: [.microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(20),
                      .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1)])
        requestErrors = registry.makeCounter(descriptor: .init(
            namespace: "firedrill", metricName: "server_errors", unitName: "total", helpText: "Requests answered 500"))
        drillsActive = registry.makeGauge(descriptor: .init(
            namespace: "firedrill", metricName: "drills", unitName: "held", helpText: "Drills the server holds"))
        connectionsShed = registry.makeCounter(descriptor: .init(
            namespace: "firedrill", metricName: "connections_shed", unitName: "total",
            helpText: "Connections closed before sending anything, to keep room for others near the open-file limit"))
        connectionsOpen = registry.makeGauge(descriptor: .init(
            namespace: "firedrill", metricName: "connections", unitName: "open", helpText: "HTTP connections open now"))
        reportsBuilt = registry.makeCounter(descriptor: .init(
            namespace: "firedrill", metricName: "reports_built", unitName: "total",
            helpText: "Reports built from the record (a finished drill's report is built once until its record changes)"))
    }

    /// The text exposition format.
    public func render() -> String {
        registry.emitToString()
    }
}
