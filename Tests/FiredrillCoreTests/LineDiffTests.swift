import Foundation
import Testing
@testable import FiredrillCore

@Suite("Line differences between scenario versions")
struct LineDiffTests {
    @Test("a changed line is one removal and one addition, with three lines of context and line numbers")
    func changedLine() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let diff = LineDiff(from: old, to: new)
        #expect(diff.added == 1 && diff.removed == 1)
        #expect(diff.unified(fromName: "v1", toName: "v2") == """
            --- v1
            +++ v2
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test("changes far apart are separate hunks; close ones share one")
    func hunks() {
        let old = (1...30).map { "l\($0)" }.joined(separator: "\n")
        var lines = old.split(separator: "\n").map(String.init)
        lines[1] = "changed 2"
        lines[25] = "changed 26"
        let far = LineDiff(from: old, to: lines.joined(separator: "\n")).unified(fromName: "a", toName: "b")
        #expect(far.components(separatedBy: "\n@@ ").count == 3, "\(far)")
        #expect(far.contains("@@ -1,5 +1,5 @@") && far.contains("@@ -23,7 +23,7 @@"))
        lines[25] = "l26"
        lines[6] = "changed 7"
        let near = LineDiff(from: old, to: lines.joined(separator: "\n")).unified(fromName: "a", toName: "b")
        #expect(near.components(separatedBy: "\n@@ ").count == 2, "\(near)")
    }

    @Test("added and removed lines at the ends; CRLF against LF is no change; equal texts give nothing")
    func edges() {
        let added = LineDiff(from: "a\nb", to: "a\nb\nc")
        #expect(added.added == 1 && added.removed == 0)
        #expect(added.unified(fromName: "x", toName: "y").contains("@@ -1,2 +1,3 @@\n a\n b\n+c\n"))
        let removed = LineDiff(from: "a\nb\nc", to: "b\nc")
        #expect(removed.unified(fromName: "x", toName: "y").contains("@@ -1,3 +1,2 @@\n-a\n b\n c\n"))
        #expect(LineDiff(from: "a\r\nb\r\n", to: "a\nb\n").unified(fromName: "x", toName: "y").isEmpty)
        #expect(LineDiff(from: "日本語\n", to: "日本語\n").changes.count == 2)
        let fromEmpty = LineDiff(from: "", to: "x")
        #expect(fromEmpty.added == 1 && fromEmpty.removed == 1)
    }
}
