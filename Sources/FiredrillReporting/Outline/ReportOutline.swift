import FiredrillCore

/// The after-action report as a document outline: its sections in order, each a list of
/// blocks (paragraphs, tables, lists, charts) made of inline runs. Built once from a report
/// (``ReportOutline/init(_:context:)``) and written out by the Markdown and HTML renderers,
/// which therefore list the same sections with the same words; each format only decides how
/// a block looks.
///
/// Text in the outline is plain: each renderer escapes it for its format. ``Inline/rich(_:)``
/// marks firedrill's own sentences, in which `backticked` words are code.
struct ReportOutline {
    var language: Language
    var title: String
    /// The kind of document, above the title.
    var kind: String
    var subtitle: String
    /// Facts for the top of the document (scenario, run, date, mode).
    var meta: [(label: String, value: [Inline])]
    var sections: [Section]
    /// Closing lines (the blameless note, how the report was made).
    var footer: [String]
    /// The running footer of printed pages.
    var pageFooter: String

    struct Section {
        /// An anchor (`overview`, `analysis`).
        var id: String
        var title: String
        var appendix: Bool
        var blocks: [Block]
    }

    enum Tone: String {
        case met, missed, muted, overdue, verified, failed
    }

    enum Inline: Equatable {
        case text(String)
        /// Text written on several lines (what people wrote): line breaks kept where a format can.
        case lines(String)
        /// Prose with hard line breaks (a summary, an expected response): joined into paragraphs.
        case prose(String)
        case strong(String)
        case code(String)
        /// firedrill's own sentence, with `backticked` words as code.
        case rich(String)
        case small(String)
        case rating(Scoring.Rating?)
        case status(String, Tone)
        case lineBreak
    }

    enum Alignment { case left, right, center }

    struct Table {
        var headers: [String]
        var rows: [[[Inline]]]
        var alignments: [Alignment]
        /// Columns that do not wrap in HTML (dates, ids).
        var nowrap: Set<Int> = []
        /// Column widths in percent, for the HTML layout of wide tables.
        var widths: [Double]? = nil
        /// A class for HTML styling (`plan`).
        var style: String? = nil

        init(_ headers: [String], alignments: [Alignment]? = nil) {
            self.headers = headers
            self.rows = []
            self.alignments = alignments ?? headers.map { _ in .left }
        }

        mutating func append(_ cells: [[Inline]]) {
            precondition(cells.count == headers.count, "a table row has \(cells.count) cells, the header \(headers.count)")
            rows.append(cells)
        }
    }

    /// A step of the response timeline: detection → … → resolution.
    struct ChainStep {
        var label: String
        var time: String
        var since: String?
    }

    /// A headline figure: the score, the ratings, the plan.
    struct Card {
        var label: String
        var value: [Inline]
        var detail: [Inline]
        var note: String?
        var warning: Bool = false
    }

    enum Chart { case timeline, credit }

    enum Block {
        case paragraph([Inline])
        /// A note in small type: explanations, empty states.
        case note([Inline])
        case warning([Inline])
        case heading(String, id: String?)
        /// A heading inside a subsection (strengths, areas for improvement).
        case subheading(String)
        case table(Table)
        /// Two columns: a label and its value.
        case keyValues([(label: String, value: [Inline])])
        /// Facts about one thing, as a definition list.
        case facts([(label: String, value: [Inline])])
        case bullets([[Inline]])
        case quote(label: String, text: String)
        case cards([Card])
        case chain([ChainStep])
        case figure(Chart, caption: String)
        /// The start and the end of a subsection (an objective's analysis), for HTML grouping.
        case groupStart(id: String, title: String, detail: String)
        case groupEnd
    }
}
