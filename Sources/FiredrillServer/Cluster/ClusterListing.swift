import AsyncHTTPClient
import FiredrillStore
import FiredrillWire
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The trainer's list of drills with several servers: each server holds only the drills it
/// runs, so the list adds the others from the record, and asks the server running an
/// unfinished one how it stands (paused or running, its clock), as one server would answer.
extension DrillRegistry {
    /// The drills not in `held`: unfinished server drills and the latest finished ones, from
    /// the record; an unfinished one with a live lease elsewhere as its server says.
    func listedElsewhere(excluding held: Set<String>, authorization: String?) async -> [DrillList.Item] {
        guard let cluster else { return [] }
        let runs: [StoredRun]
        do {
            let ids = try database.serverRunIDs(finished: false) + database.serverRunIDs(finished: true, limit: Self.finishedHeld)
            runs = try ids.filter { !held.contains($0) }.map { try database.run(id: $0) }
        } catch {
            logger.warning("cannot list the drills of the other servers", metadata: ["error": "\(error)"])
            return []
        }
        var items: [DrillList.Item] = []
        for run in runs {
            var item = DrillList.Item(
                id: run.id, scenarioID: run.scenarioID, title: run.scenarioTitle, status: Self.listedStatus(run.status),
                drillSeconds: Double(run.checkpointMs) / 1000, createdAt: run.createdAt
            )
            if run.status != .finished, let lease = try? cluster.store.lease(runID: run.id), lease.isLive, lease.node != cluster.name,
               let document = await cluster.document(of: run.id, at: lease, authorization: authorization) {
                item.status = document.status
                item.drillSeconds = document.drillSeconds
            }
            items.append(item)
        }
        return items
    }

    /// How a run's recorded status reads in the list when its server cannot say more.
    static func listedStatus(_ status: RunStatus) -> DrillStatus {
        switch status {
        case .ready: .ready
        case .running: .running
        case .interrupted: .interrupted
        case .finished: .finished
        }
    }
}

extension ClusterNode {
    /// The drill's document from the server running it, read with the caller's token; `nil`
    /// when that server does not answer in time.
    func document(of id: String, at lease: DrillLease, authorization: String?) async -> DrillDocument? {
        var request = HTTPClientRequest(url: "\(lease.address)/api/v1/drills/\(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: Self.forwardedHeader, value: name)
        do {
            let answer = try await http.http.execute(request, timeout: .seconds(2))
            let body = try await answer.body.collect(upTo: 8 << 20)
            guard answer.status == .ok else { return nil }
            return try JSONDecoder().decode(DrillDocument.self, from: Data(body.readableBytesView))
        } catch {
            return nil
        }
    }
}
