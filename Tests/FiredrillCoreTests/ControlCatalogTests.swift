import Testing
@testable import FiredrillCore

/// The controls a report names: every one a scenario may list has its title, in English and
/// Japanese, so a committee never reads a bare number.
@Suite("Control catalog")
struct ControlCatalogTests {
    @Test("every ISO/IEC 27001:2022 Annex A control and IR-1 to IR-10 is named in both languages")
    func everyControlNamed() {
        var ids: [String] = []
        for (theme, count) in [(5, 37), (6, 8), (7, 14), (8, 34)] { ids += (1...count).map { "A.\(theme).\($0)" } }
        ids += (1...10).map { "IR-\($0)" }
        #expect(ids.count == 103)
        for id in ids {
            let control = ControlCatalog.known.first { $0.id == id }
            #expect(control != nil, "\(id) has no entry")
            guard let control else { continue }
            #expect(control.title != id && !control.title.isEmpty, "\(id) has no English title")
            #expect(control.titleJapanese != id && control.titleJapanese.unicodeScalars.contains { $0.value >= 0x3000 }, "\(id) has no Japanese title")
        }
        #expect(ControlCatalog.control("A.6.6")?.titleJapanese == "秘密保持契約又は守秘義務契約")
        #expect(ControlCatalog.control("A.9.9") == nil && !ControlCatalog.isKnown("IR-11"))
    }

    @Test("the default controls of every kind, and the drill-wide ones, are named")
    func defaultsNamed() {
        for kind in ActionKind.allCases {
            for id in ControlCatalog.defaults(for: kind) { #expect(ControlCatalog.known.contains { $0.id == id }, "\(kind): \(id)") }
        }
        for id in ControlCatalog.drillWide { #expect(ControlCatalog.known.contains { $0.id == id }) }
    }
}
