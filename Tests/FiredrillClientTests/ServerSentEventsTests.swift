import FiredrillCore
import Foundation
import Testing
@testable import FiredrillClient

/// The event-stream reader `firedrill join` and the live benchmark follow a drill with:
/// messages as the server frames them, however the bytes are cut on the way.
@Suite("Reading an event stream")
struct ServerSentEventsTests {
    func items(_ chunks: [String]) -> [ServerSentEvents.Item] {
        var parser = ServerSentEvents()
        return chunks.flatMap { parser.feed(Array($0.utf8)) }
    }

    @Test("a message is its id, event and data lines up to a blank line; a colon starts a comment")
    func messages() {
        let stream = ": heartbeat\n\nid: 4\nevent: action\ndata: {\"seq\":4}\n\nid: 5\ndata: first\ndata: second\n\n"
        #expect(items([stream]) == [
            .comment("heartbeat"),
            .message(id: "4", event: "action", data: #"{"seq":4}"#),
            .message(id: "5", event: "message", data: "first\nsecond"),
        ])
    }

    @Test("lines end with LF, CRLF or CR, also when a CRLF is split between two reads")
    func lineEnds() {
        let expected: [ServerSentEvents.Item] = [.message(id: "1", event: "started", data: "x"), .message(id: "2", event: "paused", data: "y")]
        #expect(items(["id: 1\r\nevent: started\r\ndata: x\r\n\r\nid: 2\revent: paused\rdata: y\r\r"]) == expected)
        #expect(items(["id: 1\r", "\nevent: started\r", "\ndata: x\r\n\r", "\nid: 2\nevent: paused\ndata: y\n", "\n"]) == expected)
        // One byte at a time, Japanese text split inside its UTF-8 sequences.
        let japanese = "id: 3\nevent: action\ndata: {\"text\":\"部長に電話\"}\n\n"
        var parser = ServerSentEvents()
        let bytewise = Array(japanese.utf8).flatMap { parser.feed([$0]) }
        #expect(bytewise == [.message(id: "3", event: "action", data: #"{"text":"部長に電話"}"#)])
    }

    @Test("a line longer than the limit drops its message, and the next one is read")
    func tooLong() {
        let long = String(repeating: "a", count: ServerSentEvents.maximumLineBytes + 10)
        let result = items(["id: 1\ndata: ", long, "\n\n", "id: 2\ndata: ok\n\n"])
        #expect(result == [.message(id: "2", event: "message", data: "ok")])
    }

    @Test("a message's data is the event view the client decodes")
    func eventView() throws {
        let data = #"{"seq": 7, "type": "action", "at_seconds": 12, "role": "ops", "kind": "acknowledge", "text": "確認しました"}"#
        let view = try #require(EventView(json: Data(data.utf8)))
        #expect(view.seq == 7 && view.type == "action" && view.text == "確認しました")
        #expect(EventView(json: Data("not json".utf8)) == nil)
    }
}
