import FiredrillCore
import FiredrillVocabulary

/// Each objective's credit (0 to 1) as a horizontal bar coloured by its automatic rating,
/// with its weight; objectives not exercised or not applicable are named, without a bar.
struct SVGCreditChart {
    let report: DrillReport
    let strings: ReportStrings

    func render() -> String {
        let width = 900.0
        let labelWidth = 300.0
        let barLeft = labelWidth + 40
        let barWidth = 420.0
        let rowHeight = 20.0
        let top = 22.0
        let height = top + Double(report.objectives.count) * rowHeight + 10
        var svg = SVGBuilder()
        svg.open(width: width, height: height, label: strings[.creditChart])
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let position = barLeft + tick * barWidth
            svg.line(x1: position, y1: top - 4, x2: position, y2: height - 8, color: tick == 0 || tick == 1 ? "#a0aec0" : "#e2e8f0")
            svg.text(MarkdownReportRenderer.number(tick, digits: 2), x: position, y: top - 8, anchor: "middle", color: "#4a5568", size: 10)
        }
        for (index, objective) in report.objectives.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let middle = rowTop + rowHeight / 2
            let name = objective.name ?? objective.id
            svg.text(HTML.fit(name, columns: 50), x: labelWidth, y: middle + 4, anchor: "end", size: 10.5, title: name)
            svg.text("×" + MarkdownReportRenderer.number(objective.weight), x: barLeft - 8, y: middle + 4, anchor: "end", color: "#4a5568", size: 10)
            guard let credit = objective.credit, let rating = objective.rating else {
                svg.text(strings.statusName(objective.status), x: barLeft + 6, y: middle + 4, color: "#718096", size: 10, style: "italic")
                continue
            }
            let color = SVGColors.rating(rating)
            svg.rect(x: barLeft, y: middle - 6, width: max(2, credit * barWidth), height: 12, fill: color,
                     title: name + strings.colon + MarkdownReportRenderer.number(credit, digits: 2) + strings.parenthesized(rating.rawValue))
            let label = "\(MarkdownReportRenderer.number(credit, digits: 2))  \(rating.rawValue)" + (objective.status == .missed ? " · \(strings.statusName(.missed))" : "")
            svg.text(label, x: barLeft + max(2, credit * barWidth) + 6, y: middle + 4, color: color, size: 10, weight: "700")
        }
        svg.close()
        return svg.text
    }
}
