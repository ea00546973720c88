import CellIO
import Foundation
import HTI
import Testing
@testable import Workbench

/// `load … preset=`: stated once, shown, kept with the model, never guessed.
@Suite struct PresetTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    @Test func aPresetSuppliesTheColumnsAndIsShown() throws {
        _ = try run(#"e = load "data/ett_quantiles.csv" preset=ett"#)
        let e = try #require(marginals("e"))
        #expect(e.preset == .ett && e.outputNames == ["y1", "y2", "y3"])
        #expect(e.condition == .continuous(names: (0..<12).map { "h\($0)" }))
        #expect(Value.marginals(e).summary.contains("preset ett"))
        guard case .table(let table)? = try run("show e") else { Issue.record("show e is not a table"); return }
        #expect(table.title?.contains("preset ett") == true)
    }

    @Test func withoutAPresetAKnownFileNameGetsNoPaperSettings() throws {
        _ = try run(#"d = load "data/semicircles.csv" condition=arc"#)
        let d = try #require(marginals("d"))
        #expect(d.preset == .none)
        #expect(!Value.marginals(d).summary.contains("preset"))
        _ = try run("m = fit d steps=2 seed=0")
        guard case .model(let m)? = session.variables["m"] else { Issue.record("no model"); return }
        var expected = FitSettings()
        expected.steps = 2
        #expect(m.settings == expected, "a file called semicircles.csv gets the generic settings")
    }

    @Test func namedColumnsWinOverThePresets() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles outputs=x"#)
        let d = try #require(marginals("d"))
        #expect(d.outputNames == ["x"] && d.preset == .semicircles)
        #expect(d.condition == .categorical(name: "arc", classes: ["0", "1", "2", "3"]))
    }

    @Test func anUnknownPresetIsAUsageErrorAtTheOption() throws {
        do { _ = try run(#"d = load "data/semicircles.csv" preset=mnist"#); Issue.record("preset=mnist loaded") } catch let error as WorkbenchError {
            #expect(error.message.contains("semicircles"))
            #expect(error.location?.column == 40, "at the value")
        }
        #expect(session.variables["d"] == nil)
    }

    @Test func theModelKeepsItsPreset() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hti-preset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"# + "\nm = fit d steps=2 seed=0")
        _ = try run(#"save m "\#(folder.path)/m.htimodel""# + "\n" + #"n = load "\#(folder.path)/m.htimodel""#)
        guard case .model(let n)? = session.variables["n"] else { Issue.record("no model"); return }
        #expect(n.marginals.preset == .semicircles)
        #expect(n.settings.potentialWeight == 0.05 && n.settings.bandwidth == 0.05, "the paper's semicircles settings")
        #expect(summaryRow("preset", of: n)?.hasPrefix("semicircles") == true)
        do { _ = try run(#"k = load "\#(folder.path)/m.htimodel" preset=moons"#); Issue.record("preset= on a model loaded") } catch let error as WorkbenchError {
            #expect(error.message.contains("model file keeps the preset"))
        }
    }
}

/// `fit … time=`: durations read as a user writes them, and refused by name otherwise.
@Suite struct FitTimeOptionTests {
    @Test func durationsReadAsWritten() {
        #expect(FitOptions.seconds(in: "90") == 90)
        #expect(FitOptions.seconds(in: "90s") == 90)
        #expect(FitOptions.seconds(in: "5m") == 300)
        #expect(FitOptions.seconds(in: "5min") == 300)
        #expect(FitOptions.seconds(in: "1.5h") == 5400)
        for bad in ["", "m", "-5m", "0", "5 parsecs", "nan", "inf", "1e30h"] { #expect(FitOptions.seconds(in: bad) == nil, "\(bad)") }
    }

    @Test func aBadDurationIsAValueErrorAndChangesNothing() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let captured = Captured()
        _ = try session.run(cell: #"d = load "data/semicircles.csv" preset=semicircles"#, output: makeChannel(captured), cancellation: CancellationToken())
        do {
            _ = try session.run(cell: "m = fit d time=soon", output: makeChannel(captured), cancellation: CancellationToken())
            Issue.record("time=soon accepted")
        } catch let error as WorkbenchError {
            #expect(error.message.contains("time= is a duration") && error.location?.column == 16)
        }
        #expect(session.variables["m"] == nil)
    }
}

/// The fit options that change what a model's paths are, each the preset's or the user's, shown in the
/// summary, and refused at the option where the data cannot take it:
/// - `scale=`: the λ scale a model reads its paths on; refused where an anchor lies outside its domain;
/// - `action=` and `matching=`; matching refused on data with continuous conditions.
@Suite struct PathOptionTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    @Test func theEttPresetReadsQuantileLevelsOnTheLogitScaleAndSaysSo() throws {
        _ = try run(#"e = load "data/ett_quantiles.csv" preset=ett"# + "\nm = fit e steps=1 seed=0")
        let m = try #require(model("m"))
        #expect(m.settings.scale == .logit)
        #expect(summaryRow("λ scale", of: m)?.hasPrefix("logit") == true)
        _ = try run("n = fit e steps=1 seed=0 scale=linear")
        let n = try #require(model("n"))
        #expect(n.settings.scale == .linear)
        #expect(summaryRow("λ scale", of: n) == nil, "linear, the paper's, needs no row")
    }

    @Test func aScaleUndefinedAtAnAnchorIsRefusedAtTheOption() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"#)
        let line = "m = fit d steps=1 scale=log"
        do { _ = try run(line); Issue.record("scale=log fitted data with λ = 0") } catch let error as WorkbenchError {
            #expect(error.message.contains("scale=log needs λ > 0") && error.message.contains("λ = 0"), "\(error.message)")
            #expect(error.location?.column == line.range(of: "log")!.lowerBound.utf16Offset(in: line) + 1, "at the value")
        }
        #expect(session.variables["m"] == nil)
    }

    @Test func theSemicirclesPresetsPathsCanBeOverridden() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"# + "\nm = fit d steps=1 seed=0")
        let m = try #require(model("m"))
        #expect(m.settings.action == .energy && m.settings.matching == 300)
        #expect(summaryRow("paths", of: m)?.contains("matched to their anchors in 300 steps") == true)
        _ = try run("n = fit d steps=1 seed=0 action=lengths matching=0")
        let n = try #require(model("n"))
        #expect(n.settings.action == .lengths && n.settings.matching == 0)
        #expect(summaryRow("paths", of: n)?.hasPrefix("lengths") == true)
    }

    @Test func matchingContinuousConditionsIsRefusedAtTheOption() throws {
        _ = try run(#"e = load "data/ett_quantiles.csv" preset=ett"#)
        let line = "m = fit e steps=1 matching=10"
        do { _ = try run(line); Issue.record("matching=10 accepted on continuous conditions") } catch let error as WorkbenchError {
            #expect(error.message.contains("continuous conditions"), "\(error.message)")
            #expect(error.location?.column == line.range(of: "10")!.lowerBound.utf16Offset(in: line) + 1, "at the value")
        }
        #expect(session.variables["m"] == nil)
    }
}

/// `score`: forecasts started from a forecaster's own windows are also scored window by window.
@Suite struct PairedScoreTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    @Test func samplesFromTheReferencesOwnWindowsGetTheirMSE() throws {
        _ = try run(#"d = load "data/ett_quantiles.csv" preset=ett"# + "\nm = fit d steps=1 seed=0"
                    + "\ntop = sample m lambda=0.99 refine=0")
        guard case .table(let table)? = try run("score top against d") else { Issue.record("not a table"); return }
        let column = try #require(table.columns.firstIndex(of: "MSE, sample by sample"))
        guard case .marginals(let top)? = session.variables["top"], case .marginals(let d)? = session.variables["d"] else {
            Issue.record("no samples"); return
        }
        let truth = d.anchors[1].outputs, drawn = top.anchors[0].outputs
        let expected = zip(drawn, truth).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(truth.count)
        guard case .number(let shown) = table.cells[0][column].content else { Issue.record("no number"); return }
        #expect(abs(shown - expected) < 1e-9 * max(1, expected))
        // Class-conditioned samples have no such pairing: the column is not there.
        _ = try run(#"s = load "data/semicircles.csv" preset=semicircles"#)
        guard case .table(let classes)? = try run("score s against s") else { Issue.record("not a table"); return }
        #expect(!classes.columns.contains("MSE, sample by sample"))
    }
}
