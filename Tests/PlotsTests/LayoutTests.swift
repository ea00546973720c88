import Foundation
import Testing
@testable import Plots

/// Every figure readable at notebook width: text inside the canvas, no overlaps, nothing tiny,
/// and every golden SVG (fixtures and the data sets' views) renders to PNG.
struct LayoutTests {
    static var goldenFolder: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden") }

    /// The fixtures and every stored golden SVG, including the data sets' (Golden/datasets).
    static func allSVGs() throws -> [(String, String)] {
        var out = FigureFixtures.all.map { ($0.name, $0.figure.svg) } + FigureFixtures.stress.map { ($0.name, $0.figure.svg) }
        let datasets = goldenFolder.appendingPathComponent("datasets")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: datasets.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".svg") {
            out.append(("datasets/" + name, try String(contentsOf: datasets.appendingPathComponent(name), encoding: .utf8)))
        }
        return out
    }

    @Test func noTextLeavesTheCanvasOrOverlapsAnotherAtNotebookWidth() throws {
        let figures = try LayoutTests.allSVGs()
        #expect(figures.count >= FigureFixtures.all.count)
        for (name, svg) in figures {
            let problems = TextLayout.problems(svg)
            #expect(problems.isEmpty, "\(name): \(problems.prefix(5).joined(separator: "; "))")
        }
    }

    @Test func everyFigureRendersToPNGAt900Pixels() throws {
        for (name, svg) in try LayoutTests.allSVGs() {
            guard let png = try TextLayout.renderPNG(svg) else { return }  // rsvg-convert not installed: nothing to render with
            #expect(png.starts(with: [0x89, 0x50, 0x4e, 0x47]), "\(name) did not render to PNG")
        }
    }

    /// Writes every fixture as PNG to PLOTS_RENDER_DIR (for looking at them), when set.
    @Test func rendersForLookingAt() throws {
        guard let folder = ProcessInfo.processInfo.environment["PLOTS_RENDER_DIR"] else { return }
        for (name, svg) in try LayoutTests.allSVGs() {
            let file = name.replacingOccurrences(of: "/", with: "-")
            try svg.write(toFile: folder + "/" + file + (file.hasSuffix(".svg") ? "" : ".svg"), atomically: true, encoding: .utf8)
        }
    }

    @Test func theCheckFindsOverlapsAndClipping() {
        var w = SVGWriter()
        w.text("a long title that runs off", x: 5, y: 20, size: 14, anchor: "end")
        w.text("first", x: 50, y: 50, size: 11)
        w.text("second", x: 55, y: 52, size: 11)
        let svg = "<svg width=\"200\" height=\"100\">\n" + w.text + "</svg>"
        let problems = TextLayout.problems(svg)
        #expect(problems.contains { $0.contains("leaves the") })
        #expect(problems.contains { $0.contains("overlaps") })
        #expect(TextLayout.problems("<svg width=\"1800\" height=\"100\">\n<text x=\"100\" y=\"50\" font-size=\"12\">tiny at 900</text></svg>")
            .contains { $0.contains("px at 900") })
    }

    @Test func measuredWidthsMatchHelveticaForAFewStrings() {
        // Helvetica AFM: "x" is 500/1000 em, digits 556; bold "λ" falls back to the wide default.
        #expect(abs(TextMetrics.width("x", size: 10) - 5.2) < 0.01)
        #expect(abs(TextMetrics.width("10", size: 10) - 11.56) < 0.01)
        #expect(TextMetrics.width("Marginals", size: 12, bold: true) > TextMetrics.width("Marginals", size: 12))
    }

    @Test func fourPanelsWrapIntoATwoByTwoGridAtNotebookWidth() {
        let panels = (0..<4).map { FigureFixtures.ring(30, lambda: Double($0)) }
        let figure = Figure.marginals(panels, title: "four", x: "x", y: "y", anchors: [0, 1, 2, 3], style: PlotStyle(aspect: .equal))
        let (width, height) = TextLayout.canvas(figure.svg)
        #expect(width <= 900)
        #expect(height > width * 0.6, "\(width)×\(height) is a strip, not a grid")
        let titles = TextLayout.elements(figure.svg).filter { $0.text.hasPrefix("λ = ") }
        #expect(Set(titles.map { Int($0.box.minY) }).count == 2, "four panel titles on two rows")
    }

    @Test func equalAspectGivesOneUnitTheSameLengthOnBothAxes() {
        let wide = SampleSet(title: "wide", x: [-4, 4, 0], y: [-1, 1, 0], lambda: [0, 0, 1])
        let figure = Figure.marginals([wide], title: "equal", x: "x", y: "y", anchors: [], style: PlotStyle(aspect: .equal))
        let circles = FigureTests.circles(figure.svg)
        #expect(circles.count == 3)
        // (-4,-1), (4,1), (0,0): pixels per unit along x and y must agree.
        let xs = circles.map(\.x), ys = circles.map(\.y)
        let perX = (xs[1] - xs[0]) / 8, perY = (ys[0] - ys[1]) / 2
        #expect(abs(perX - perY) / perX < 0.02, "x: \(perX) px per unit, y: \(perY)")
        let auto = FigureTests.circles(Figure.marginals([wide], title: "auto", x: "x", y: "y", anchors: [], style: PlotStyle(aspect: .auto)).svg)
        #expect(abs((auto[1].x - auto[0].x) / 8 - (auto[0].y - auto[1].y) / 2) > 5, "auto aspect stretches the short axis")
    }

    @Test func thinningIsNotedUnderThePanelsNotOverTheData() {
        let big = FigureFixtures.ring(10_000, lambda: 0.5)
        let svg = Figure.marginals([big], title: "big", x: "x", y: "y", anchors: [0, 1]).svg
        guard let note = TextLayout.elements(svg).first(where: { $0.text.contains("of 10,000 points") }) else {
            Issue.record("no thinning note"); return
        }
        let panelBottom = FigureTests.clipRects(svg).map { $0.y + $0.height }.max() ?? .infinity
        #expect(note.box.minY > panelBottom)
    }
}
