import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plots

struct FigureTests {
    static func parses(_ svg: String) -> Bool {
        let parser = XMLParser(data: Data(svg.utf8))
        return parser.parse()
    }

    /// Marker centres in drawing order (`<circle cx=… cy=… r=…/>` filled by their group, not legend swatches).
    static func circles(_ svg: String) -> [(x: Double, y: Double)] {
        svg.components(separatedBy: "<circle cx=\"").dropFirst().compactMap { part in
            guard !(part.prefix { $0 != ">" }.contains("fill=")) else { return nil }
            let x = Double(part.prefix { $0 != "\"" })
            guard let r = part.range(of: "cy=\"") else { return nil }
            let y = Double(part[r.upperBound...].prefix { $0 != "\"" })
            return x.flatMap { x in y.map { (x, $0) } }
        }
    }

    /// The plot areas (clip rectangles).
    static func clipRects(_ svg: String) -> [(x: Double, y: Double, width: Double, height: Double)] {
        svg.components(separatedBy: "<clipPath ").dropFirst().compactMap { part in
            func value(_ name: String) -> Double? {
                guard let r = part.range(of: " \(name)=\"") else { return nil }
                return Double(part[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x = value("x"), let y = value("y"), let w = value("width"), let h = value("height") else { return nil }
            return (x, y, w, h)
        }
    }

    @Test func everyFigureKindIsValidXMLWithATitle() {
        for (name, figure) in FigureFixtures.all {
            #expect(FigureTests.parses(figure.svg), "\(name) is not well-formed XML")
            #expect(figure.svg.contains("<title>") && figure.svg.contains("role=\"img\""), "\(name) has no <title>")
            #expect(!figure.description.isEmpty)
        }
    }

    @Test func theSameInputGivesByteIdenticalSVG() {
        let first = FigureFixtures.all.map(\.figure.svg), second = FigureFixtures.all.map(\.figure.svg)
        #expect(first == second)
    }

    /// Golden files: regenerate with `PLOTS_UPDATE_GOLDEN=1 swift test --filter PlotsTests` after an intended change.
    @Test func figuresMatchTheirGoldenFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let update = ProcessInfo.processInfo.environment["PLOTS_UPDATE_GOLDEN"] == "1"
        for (name, figure) in FigureFixtures.all {
            let url = folder.appendingPathComponent("\(name).svg")
            if update { try figure.svg.write(to: url, atomically: true, encoding: .utf8); continue }
            let golden = try String(contentsOf: url, encoding: .utf8)
            #expect(golden == figure.svg, "\(name).svg differs from its golden file")
        }
    }

    @Test func textIsEscaped() {
        let figure = Figure.marginals([FigureFixtures.ring(5, lambda: 0)], title: "a <b> & \"c\"", x: "x<", y: "y&", anchors: [0])
        #expect(FigureTests.parses(figure.svg))
        #expect(figure.svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"))
    }

    @Test func tenThousandPointsStayUnder300KBAndSaySoWhenThinned() {
        let big = FigureFixtures.ring(10_000, lambda: 0.5)
        let figure = Figure.marginals([big], title: "big", x: "x", y: "y", anchors: [0, 1])
        #expect(figure.svg.utf8.count < 300_000, "\(figure.svg.utf8.count) bytes")
        #expect(figure.svg.contains("of 10,000 points"))
    }

    @Test func degenerateInputsStillDrawValidFigures() {
        let figures = [
            Figure.marginals([], title: "empty", x: "x", y: "y", anchors: []),
            Figure.marginals([SampleSet(title: "one", x: [1], y: [1], lambda: [0])], title: "one point", x: "x", y: "y", anchors: [0]),
            Figure.samples([SampleSet(title: "same", x: [2, 2, 2], y: [3, 3, 3], lambda: [1, 1, 1])], title: "equal", x: "x", y: "y", anchors: []),
            Figure.samples([SampleSet(title: "non-finite", x: [.nan, 1, .infinity], y: [0, .nan, 2], lambda: [0, 1, 2])], title: "non-finite", x: "x", y: "y", anchors: []),
            Figure.loss([Series(name: "empty", x: [], y: [])], title: "no loss", x: "step", y: "loss", scale: .log),
            Figure.potential([FieldSet(title: "blank", field: Heatmap(x: [], y: [], values: []), samples: nil)], title: "none", x: "x", y: "y", valueLabel: "U"),
            Figure.trajectories([TrajectorySet(title: "short", paths: [Trajectory(x: [1], y: [1], value: [0])],
                                               marginals: SampleSet(title: "", x: [], y: [], lambda: []))], title: "t", x: "x", y: "y", anchors: []),
        ]
        for figure in figures {
            #expect(FigureTests.parses(figure.svg), "\(figure.title)")
            #expect(!figure.svg.contains("nan") && !figure.svg.contains("inf"), "\(figure.title) wrote a non-number")
        }
    }
}
