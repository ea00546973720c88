import Foundation
import Testing
@testable import Plots
@testable import Workbench

/// `plot`'s options on the real data sets, and the golden figures of every view on each of them
/// (Tests/PlotsTests/Golden/datasets; PlotsTests checks their layout and renders them).
/// Regenerate deliberately with `PLOTS_UPDATE_GOLDEN=1 swift test --filter PlotCommandTests`.
@Suite(.serialized) struct PlotCommandTests: SessionSuite {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let session = Session(workingDirectory: PlotCommandTests.root)
    let captured = Captured()

    func figure(_ cell: String) throws -> Figure {
        guard case .figure(let figure)? = try run(cell) else { throw WorkbenchError(.failed, "`\(cell)` is not a plot") }
        return figure
    }

    static let loads = [
        "semicircles": #"d = load "data/semicircles.csv" preset=semicircles outputs=x,y condition=arc categorical"#,
        "moons": #"d = load "data/moons_dropout.csv" preset=moons condition=moon"#,
        "ett": #"d = load "data/ett_quantiles.csv" preset=ett outputs=y1,y2,y3 condition=h0,h1,h2,h3,h4,h5,h6,h7,h8,h9,h10,h11"#,
    ]

    /// Text elements of an SVG, in order: what its layout is made of.
    static func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().map { "<text " + ($0.components(separatedBy: "</text>").first ?? "") }
    }

    /// Data views are compared byte for byte. Model views (weights after two steps) are compared by
    /// their text, which is their layout, when PLOTS_DATASET_MODELS=1 or PLOTS_UPDATE_GOLDEN=1: three
    /// fits take minutes in a debug build, so they are opt-in; PlotsTests checks every golden's layout.
    @Test func everyViewOnEachDataSetMatchesItsGoldenFile() throws {
        let folder = PlotCommandTests.root.appendingPathComponent("Tests/PlotsTests/Golden/datasets")
        let environment = ProcessInfo.processInfo.environment
        let update = environment["PLOTS_UPDATE_GOLDEN"] == "1"
        let models = update || environment["PLOTS_DATASET_MODELS"] == "1"
        if update { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for (name, load) in PlotCommandTests.loads.sorted(by: { $0.key < $1.key }) {
            _ = try run(load)
            var views: [(String, String, Bool)] = [("marginals", "plot d", true), ("marginals-by-lambda", "plot d facet=lambda", true)]
            if models {
                _ = try run("m = fit d seed=0 steps=2")
                _ = try run("s = sample m lambda=\(name == "ett" ? "0.3" : "0.25,0.5") n=40")
                views += [("samples-over-data", "plot s over=d", false), ("trajectories", "plot m n=8", false),
                          ("metric", "plot m metric", false), ("potential", "plot m potential", false), ("loss", "plot m loss", false)]
            }
            for (view, cell, exact) in views {
                let svg = try figure(cell).svg
                let url = folder.appendingPathComponent("\(name)-\(view).svg")
                if update { try svg.write(to: url, atomically: true, encoding: .utf8); continue }
                let golden = try String(contentsOf: url, encoding: .utf8)
                if exact { #expect(golden == svg, "\(name)-\(view).svg differs from its golden file") }
                else { #expect(PlotCommandTests.texts(golden) == PlotCommandTests.texts(svg), "\(name)-\(view).svg: its text differs from the golden file") }
                #expect(TextLayoutCheck.problems(svg).isEmpty, "\(name)-\(view): \(TextLayoutCheck.problems(svg).prefix(3))")
            }
        }
    }

    @Test func oneDataSetsFiguresShareAxisLimitsAndRefinedPathsSaySo() throws {
        _ = try run(PlotCommandTests.loads["semicircles"] ?? "")
        _ = try run("m = fit d seed=0 steps=2")
        _ = try run("s = sample m lambda=0.5 n=5")
        // Axis tick labels (size 11, centred or right-aligned; colour-bar labels are left-aligned), with their positions.
        func ticks(_ svg: String) -> [String] {
            PlotCommandTests.texts(svg).filter { $0.contains("font-size=\"11\"") && !$0.contains("text-anchor=\"start\"") }
        }
        let data = ticks(try figure("plot d").svg), samples = ticks(try figure("plot s").svg), paths = ticks(try figure("plot m n=3").svg)
        #expect(!data.isEmpty && data == samples && data == paths)
        let title = try figure("plot s").title
        #expect(title == "Samples of m at λ = 0.5")
        let over = try figure("plot s over=d").svg
        #expect(over.contains("#8c8c8c") && over.contains(">d</text>"), "the reference is drawn and named")
        let plain = try figure("plot m n=3"), refined = try figure("plot m n=3 refine=1")
        #expect(refined.title.contains("refined") && plain.title.contains("amortised"))
        #expect(refined.svg != plain.svg)
    }

    @Test func stylesAndTheirChecks() throws {
        _ = try run(PlotCommandTests.loads["semicircles"] ?? "")
        let styled = try figure("plot d palette=categorical alpha=0.4 size=3 width=1200 height=700").svg
        #expect(styled.contains("width=\"1200\" height=\"700\""))
        #expect(styled.contains("fill-opacity=\"0.4\"") && styled.contains("r=\"3\""))
        #expect(styled.contains(OkabeIto.colours[0]))
        #expect(error("plot d alpha=0")?.kind == .value)
        #expect(error("plot d size=50")?.kind == .value)
        #expect(error("plot d over=nothing")?.kind == .name)
        #expect(error("plot d row=3")?.message.contains("model's views") == true)
        let byLambda = try figure("plot d facet=lambda").svg
        #expect(byLambda.contains(">λ = 0.5</text>") && !byLambda.contains(">arc 0</text>"))
        let auto = try figure("plot d aspect=auto"), equal = try figure("plot d")
        #expect(auto.svg != equal.svg)
    }

    @Test func continuousConditionsAreNamedAndCanBePicked() throws {
        _ = try run(PlotCommandTests.loads["ett"] ?? "")
        _ = try run("m = fit d seed=0 steps=2")
        let chosen = try figure("plot m potential row=12")
        #expect(chosen.title.contains("row 12"))
        #expect(chosen.svg.contains("Condition of row 12"))
        #expect(try figure("plot m metric").title.contains("row "), "the default condition is named too")
        #expect(error("plot m potential row=99999999")?.kind == .value)
        #expect(error("plot m potential condition=1,2")?.message.contains("12 values") == true)
        _ = try figure("plot m potential condition=" + Array(repeating: "35", count: 12).joined(separator: ","))
    }

    @Test func figuresExportAsPNGAndPDFWithRsvgConvertOrSayWhatIsMissing() throws {
        _ = try run(PlotCommandTests.loads["semicircles"] ?? "")
        let figure = try figure("plot d")
        #expect(throws: FigureExport.Failure.converterMissing(format: "png")) {
            try FigureExport.data(figure: figure, format: "png", converter: nil)
        }
        #expect(throws: FigureExport.Failure.unsupported("gif")) { try FigureExport.data(figure: figure, format: "gif") }
        guard FigureExport.converter() != nil else { return }  // rsvg-convert not installed here
        let png = try FigureExport.data(figure: figure, format: "png"), pdf = try FigureExport.data(figure: figure, format: "pdf")
        #expect(png.starts(with: [0x89, 0x50, 0x4e, 0x47]) && pdf.starts(with: Array("%PDF".utf8)))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hti-export-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try run("p = plot d\n" + #"save p "\#(url.path)""#)
        #expect(try Data(contentsOf: url).starts(with: [0x89, 0x50]), "save writes a PNG through rsvg-convert")
    }
}

/// The layout check of PlotsTests (text inside the canvas, no overlaps), for figures made here.
enum TextLayoutCheck {
    static func problems(_ svg: String) -> [String] {
        let texts = PlotCommandTests.texts(svg).map { tag -> TextBox in
            func attribute(_ name: String) -> String? {
                guard let r = tag.range(of: " \(name)=\"") else { return nil }
                return String(tag[r.upperBound...].prefix { $0 != "\"" })
            }
            let content = String(tag[(tag.firstIndex(of: ">").map { tag.index(after: $0) } ?? tag.endIndex)...])
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            return TextBox(content, x: Double(attribute("x") ?? "") ?? 0, y: Double(attribute("y") ?? "") ?? 0,
                           size: Double(attribute("font-size") ?? "") ?? 0, anchor: attribute("text-anchor") ?? "start",
                           bold: attribute("font-weight") == "bold", rotated: attribute("transform") != nil)
        }
        func root(_ name: String) -> Double {
            guard let r = svg.range(of: " \(name)=\"") else { return 0 }
            return Double(svg[r.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        var out: [String] = []
        for (i, box) in texts.enumerated() {
            if !box.inside(width: root("width"), height: root("height")) { out.append("text \(i) leaves the canvas") }
            for j in texts.indices where j > i && box.overlaps(texts[j]) { out.append("texts \(i) and \(j) overlap") }
        }
        return out
    }
}
