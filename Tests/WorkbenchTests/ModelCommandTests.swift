import CellIO
import Foundation
import Testing
@testable import Workbench

/// The issue's full command list on the real semicircle data, with few steps.
@Suite struct ModelCommandTests: SessionSuite {
    let session = Session(workingDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                            .deletingLastPathComponent().deletingLastPathComponent())
    let captured = Captured()

    @Test func theWholeCommandListWorksOnTheSemicircles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hti-model-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.path
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles lambda=lambda outputs=x,y condition=arc categorical"#)
        guard case .table? = try run("show d") else { Issue.record("show d is not a table"); return }
        guard case .figure(let marginals)? = try run("plot d") else { Issue.record("plot d is not a plot"); return }
        #expect(marginals.svg.contains("arc 3"))
        _ = try run("m = fit d seed=0 steps=2")
        #expect(captured.updates > 0, "fit shows progress")
        for view in ["", " metric", " potential", " loss"] {
            guard case .figure(let figure)? = try run("plot m" + view) else { Issue.record("plot m\(view) is not a plot"); continue }
            #expect(figure.svg.hasPrefix("<svg") && figure.svg.utf8.count < 300_000)
        }
        // Start points must sit at the first anchor: the data's other anchors are refused, by name.
        _ = try run(#"save d "\#(out)/all.csv""#)
        do {
            _ = try run(#"s = sample m lambda=0.25 from="\#(out)/all.csv""#)
            Issue.record("start points at λ = 0.5 and 1 were accepted")
        } catch let error as WorkbenchError {
            #expect(error.kind == .value && error.message.contains("lambda = 0.5") && error.message.contains("first anchor"))
        }
        #expect(session.variables["s"] == nil)
        _ = try run("s0 = sample m lambda=0 n=20")
        _ = try run(#"save s0 "\#(out)/start.csv""#)
        _ = try run(#"s = sample m lambda=0.25,0.75 n=20 from="\#(out)/start.csv""#)
        guard case .marginals(let samples)? = session.variables["s"] else { Issue.record("no samples"); return }
        #expect(samples.lambdas == [0.25, 0.75])
        _ = try run("plot s")
        _ = try run("p = plot m")
        _ = try run(#"save p "\#(out)/trajectories.svg""#)
        #expect(try String(contentsOfFile: "\(out)/trajectories.svg", encoding: .utf8).hasPrefix("<svg"))
        _ = try run(#"save s "\#(out)/out.csv""#)
        #expect(try String(contentsOfFile: "\(out)/out.csv", encoding: .utf8).hasPrefix("lambda,x,y,arc"))
        _ = try run(#"save m "\#(out)/semicircles.htimodel""#)
        _ = try run(#"m2 = load "\#(out)/semicircles.htimodel""#)
        guard case .model? = session.variables["m2"] else { Issue.record("m2 is not a model"); return }
        _ = try run(#"s0 = sample m lambda=0.5"#)
        _ = try run(#"r0 = sample m lambda=0.25 refine=2"#)
        _ = try run(#"s25 = sample m lambda=0.25"#)
        guard case .marginals(let plain)? = session.variables["s25"], case .marginals(let refined)? = session.variables["r0"] else {
            Issue.record("no refined samples"); return
        }
        #expect(refined.anchors[0].count == plain.anchors[0].count && refined.anchors[0].outputs != plain.anchors[0].outputs)
        guard case .table(let scores)? = try run(#"score s0 against d"#) else { Issue.record("score is not a table"); return }
        #expect(scores.columns.contains("W2²"))
        guard case .table(let ablations)? = try run("compare d metric=learned,identity potential=density,none seed=0 steps=1 refine=1") else {
            Issue.record("compare is not a table"); return
        }
        #expect(ablations.rows.count == 6, "two baselines and four variants")
        #expect(ablations.rows.prefix(2).map { $0[0] } == ["straight lines (OT pairs)", "nearest trained anchor, copied"])
        #expect(ablations.columns.contains("NLL") && ablations.columns.contains("CD"))
        _ = try run("who")
        _ = try run("help fit")
        #expect(captured.stdout.contains("fit <data>"))
        _ = try run("%time s1 = sample m lambda=0.1")
    }

    @Test func badFitAndSampleArgumentsAreClearErrorsAndChangeNothing() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles condition=arc"#)
        let typo = error("m = fit d stpes=3")
        #expect(typo?.message.contains("did you mean `steps`") == true)
        #expect(session.variables["m"] == nil)
        _ = try run("m = fit d steps=1")
        let outside = error("s = sample m lambda=1.5")
        #expect(outside?.message.contains("outside the fitted range [0, 1]") == true)
        #expect(outside?.location != nil)
        #expect(error("sample d lambda=0.5")?.message.contains("holds no model") == true)
        #expect(error("s = sample m lambda=0.5 refine=-1")?.message.contains("refine") == true)
        #expect(error("plot d metric")?.message.contains("view of a model") == true)
        #expect(error(#"save m "m.csv""#)?.message.contains(".htimodel") == true)
        #expect(session.variables["s"] == nil)
    }

    @Test func anInterruptedFitLeavesTheSessionAsItWas() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles condition=arc"#)
        _ = try run("m = 1")
        let token = CancellationToken()
        _ = Interrupter(cancelling: token, after: 1)
        do {
            _ = try run("m = fit d steps=5000", cancellation: token)
            Issue.record("the fit was not interrupted")
        } catch let error as WorkbenchError {
            #expect(error.kind == .interrupted)
        }
        // How fast it stops is held to about a second by the kernel test (Tests/protocol), which
        // runs alone; here every other suite competes for the same two cores.
        guard case .number(1)? = session.variables["m"] else { Issue.record("m changed"); return }
    }
}
