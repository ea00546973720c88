import Jupyter
import Plots

/// How values look in a notebook: every value has `text/plain`; rich values add HTML or SVG.
enum ValueRenderer {
    static func bundle(_ value: Value) -> MimeBundle {
        switch value {
        case .number, .list: return .text(value.summary)
        case .text(let text): return .text(text)
        case .table(let table): return .rich("text/html", table.html, plain: table.plainText)
        case .marginals(let marginals):
            let table = MarginalsSummary.table(marginals)
            return .rich("text/html", table.html, plain: table.plainText)
        case .figure(let figure): return .rich("image/svg+xml", figure.svg, plain: figure.description)
        case .model(let model):
            let table = ModelSummary.table(model)
            return .rich("text/html", table.html, plain: table.plainText)
        }
    }
}
