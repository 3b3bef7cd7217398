import FiredrillCore
import FiredrillStore
import FiredrillWire
import Prometheus

/// Where a live drill's events go: into the record first (committed), then to the event
/// streams, which never make the drill wait.
struct LiveSink: DrillEventSink {
    let recorder: any RunRecording
    let hub: EventHub
    let metrics: ServerMetrics?

    func append(_ events: [DrillEvent]) throws {
        let wallTimes = try recorder.appendReturningWallTimes(events)
        hub.publish(events, wallTimes: wallTimes)
    }

    func checkpoint(drillTime: DrillTime) throws {
        try recorder.checkpoint(drillTime: drillTime)
    }

    func scheduledItemsProcessed(lateBy lateness: Duration) {
        metrics?.deliveryLateness.record(max(.zero, lateness))
    }
}
