import CellIO
import Foundation
import Plots

/// How values look in a notebook: every value has `text/plain`; rich values add HTML or SVG.
public enum ValueRenderer {
    public static func bundle(_ value: Value) -> MimeBundle {
        switch value {
        case .number, .list: return .text(value.summary)
        case .text(let text): return .text(text)
        case .table(let table): return bundle(table)
        case .sweep(let sweep): return bundle(sweep.table)
        case .marginals(let marginals): return bundle(MarginalsSummary.table(marginals))
        case .figure(let figure): return bundle(figure)
        case .model(let model): return bundle(ModelSummary.table(model))
        }
    }

    /// A figure as SVG, and as HTML that is the same SVG in an `<img>` with the figure's description
    /// as its alternative text: nbconvert and notebook front-ends prefer HTML to SVG, and an SVG output
    /// alone becomes an `<img>` with no `alt` there (nbconvert warns; screen readers say nothing).
    static func bundle(_ figure: Figure) -> MimeBundle {
        var bundle = MimeBundle.rich("image/svg+xml", figure.svg, plain: figure.description)
        let source = "data:image/svg+xml;base64," + Data(figure.svg.utf8).base64EncodedString()
        bundle.data["text/html"] = .string("<img alt=\"\(attribute(figure.description))\" src=\"\(source)\">")
        return bundle
    }

    /// Text safe inside a double-quoted HTML attribute.
    static func attribute(_ text: String) -> String {
        Table.escape(text).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A table as HTML and aligned text for people, and Table Schema JSON for pandas and other tools.
    static func bundle(_ table: Table) -> MimeBundle {
        var bundle = MimeBundle.rich("text/html", table.html, plain: table.plainText)
        bundle.data[TableExport.dataResourceType] = TableExport.dataResource(table)
        return bundle
    }
}
