/// Writes an inline SVG element by element. Every text and title is escaped; numbers are
/// written with at most one decimal, so equal charts are equal bytes.
struct SVGBuilder {
    private(set) var text = ""

    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    mutating func raw(_ markup: String) {
        text += markup + "\n"
    }

    mutating func open(width: Double, height: Double, label: String) {
        raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"chart\">")
    }

    mutating func close() {
        raw("</svg>")
    }

    private func titled(_ element: String, _ attributes: String, _ title: String?) -> String {
        guard let title else { return "<\(element) \(attributes)/>" }
        return "<\(element) \(attributes)><title>\(HTML.escape(title))</title></\(element)>"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double = 1, stroke: String? = nil, title: String? = nil) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\""
        if opacity < 1 { attributes += " fill-opacity=\"\(Self.n(opacity))\"" }
        if let stroke { attributes += " stroke=\"\(stroke)\"" }
        raw(titled("rect", attributes, title))
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double = 1, dash: String? = nil, opacity: Double = 1) {
        var attributes = "x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(color)\" stroke-width=\"\(Self.n(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        if opacity < 1 { attributes += " stroke-opacity=\"\(Self.n(opacity))\"" }
        raw("<line \(attributes)/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String, strokeWidth: Double, title: String? = nil) {
        var attributes = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if stroke != "none", strokeWidth > 0 { attributes += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        raw(titled("circle", attributes, title))
    }

    mutating func path(_ d: String, fill: String = "none", stroke: String, width: Double = 1, dash: String? = nil, title: String? = nil) {
        var attributes = "d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        raw(titled("path", attributes, title))
    }

    mutating func diamond(cx: Double, cy: Double, size: Double, fill: String, stroke: String, title: String? = nil) {
        let d = "M\(Self.n(cx)) \(Self.n(cy - size))L\(Self.n(cx + size)) \(Self.n(cy))L\(Self.n(cx)) \(Self.n(cy + size))L\(Self.n(cx - size)) \(Self.n(cy))Z"
        var attributes = "d=\"\(d)\" fill=\"\(fill)\""
        if stroke != "none" { attributes += " stroke=\"\(stroke)\" stroke-width=\"1.2\"" }
        raw(titled("path", attributes, title))
    }

    mutating func checkMark(cx: Double, cy: Double, color: String, title: String?) {
        circle(cx: cx, cy: cy, r: 6, fill: color, stroke: "#ffffff", strokeWidth: 1, title: title)
        path("M\(Self.n(cx - 3)) \(Self.n(cy))L\(Self.n(cx - 0.8)) \(Self.n(cy + 2.4))L\(Self.n(cx + 3.2)) \(Self.n(cy - 2.6))", stroke: "#ffffff", width: 1.6)
    }

    mutating func cross(cx: Double, cy: Double, color: String, title: String?) {
        path("M\(Self.n(cx - 4)) \(Self.n(cy - 4))L\(Self.n(cx + 4)) \(Self.n(cy + 4))M\(Self.n(cx + 4)) \(Self.n(cy - 4))L\(Self.n(cx - 4)) \(Self.n(cy + 4))",
             stroke: color, width: 2, title: title)
    }

    mutating func text(
        _ value: String, x: Double, y: Double, anchor: String = "start", color: String = "#1a202c", size: Double = 11,
        weight: String? = nil, style: String? = nil, title: String? = nil
    ) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" fill=\"\(color)\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let style { attributes += " font-style=\"\(style)\"" }
        let titleElement = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        raw("<text \(attributes)>\(titleElement)\(HTML.escape(value))</text>")
    }
}
