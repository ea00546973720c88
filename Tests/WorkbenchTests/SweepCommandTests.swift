import Foundation
import HTI
import Testing
@testable import Workbench

/// `sweep` run here (the cluster is tested against a real Ray head in Tests/ecosystem/test_ray.py),
/// `take`, and the pieces a cluster job depends on: the data file, the job's lines, the address.
@Suite struct SweepCommandTests: SessionSuite {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let session: Session
    let captured = Captured()

    init() throws {
        scratch = try TemporaryFolder("hti-sweep")
        let folder = scratch.url
        var lines = ["lambda,x,y"]
        for (k, lambda) in [0.0, 0.5, 1.0].enumerated() {
            for i in 0..<16 { lines.append("\(lambda),\(Double(i) / 8 - 1 + Double(k) * 0.3),\(Double((i * 7) % 16) / 8 - Double(k) * 0.2)") }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("tiny.csv"), atomically: true, encoding: .utf8)
        session = Session(workingDirectory: folder)
    }

    @Test func aLocalSweepTabulatesEveryFitAndHandsOutItsModels() throws {
        _ = try run(#"d = load "tiny.csv" lambda=lambda outputs=x,y"#)
        _ = try run("t = sweep d metric=learned,identity seeds=0,1 steps=1")
        guard case .sweep(let sweep)? = session.variables["t"] else {
            Issue.record("sweep gave no sweep"); return
        }
        #expect(sweep.table.columns == ["variant", "seed", "fit time", "final dual", "status"])
        #expect(sweep.table.rows.map { [$0[0], $0[1], $0[4]] } == [["K_θ−Û", "0", "done"], ["K_θ−Û", "1", "done"],
                                                                   ["K_I−Û", "0", "done"], ["K_I−Û", "1", "done"]])
        #expect(captured.updates > 0, "the sweep shows live progress")
        // Typed plainly or as shown, the variant names the same fit; the model is `fit`'s for that seed.
        _ = try run("m = take t variant=K_I-U seed=1\nn = take t variant=\"K_I−Û\" seed=1\nf = fit d metric=identity seed=1 steps=1")
        guard case .model(let taken)? = session.variables["m"], case .model(let same)? = session.variables["n"],
              case .model(let fitted)? = session.variables["f"] else {
            Issue.record("take gave no model"); return
        }
        #expect(taken.modelFile().arrays == same.modelFile().arrays)
        #expect(taken.modelFile().arrays == fitted.modelFile().arrays, "a sweep's fit is the same model as `fit`'s")
        _ = try run("s = pick t row=\"K_I−Û\",1 column=seed")
        guard case .number(1)? = session.variables["s"] else { Issue.record("pick on a sweep"); return }
        #expect(error("m = take t seed=1")?.message.contains("2 variants") == true)
        #expect(error("m = take t variant=K_theta")?.message.contains("no variant `K_theta`") == true)
        #expect(error("m = take t variant=K_I seed=7")?.message.contains("no variant") == true)
        #expect(error("m = take t variant=K_I-U seed=7")?.message.contains("no seed 7") == true)
        #expect(error("m = take d")?.message.contains("holds no sweep") == true)
        _ = try run(#"save t "t.csv""#)
        #expect(try String(contentsOf: folder.appendingPathComponent("t.csv"), encoding: .utf8).hasPrefix("variant,seed,fit_time_s"))
    }

    @Test func anyDataCanBeValidatedOnHeldOutAnchorsBesideTwoBaselines() throws {
        _ = try run(#"d = load "tiny.csv" lambda=lambda outputs=x,y"#)
        guard case .table(let plain)? = try run("compare d metric=identity potential=none steps=1") else { Issue.record("no table"); return }
        #expect(plain.rows.count == 1 && !plain.columns.contains("W2"), "no preset, no holdout: no held-out scores")
        guard case .table(let table)? = try run("compare d metric=identity potential=none steps=1 holdout=0.5") else {
            Issue.record("compare gave no table"); return
        }
        #expect(table.columns == ["variant", "fit time", "final dual", "W2"])
        #expect(table.rows.map { $0[0] } == ["straight lines (OT pairs)", "nearest trained anchor, copied", "K_I"])
        #expect(table.title?.contains("held-out lambda = 0.5") == true)
        let scores = table.rows.compactMap { Double($0[3]) }
        // The anchors are one cloud shifted linearly in λ: straight OT lines recover the middle one
        // (W2² ≈ 0), copying a neighbour misses it by the shift, (0.3² + 0.2²) = 0.13.
        #expect(scores.count == 3 && scores.allSatisfy { $0 >= 0 && $0.isFinite })
        #expect(scores[0] < 1e-6 && abs(scores[1] - 0.13) < 1e-3, "\(scores)")
        _ = try run("t = sweep d metric=identity potential=none steps=1 holdout=0.5")
        guard case .sweep(let sweep)? = session.variables["t"] else { Issue.record("sweep gave no sweep"); return }
        #expect(sweep.table.rows.count == 1 && sweep.table.columns.contains("W2"), "a sweep's table holds its fits alone")
        #expect(error("compare d holdout=0 steps=1")?.message.contains("strictly between the first and the last") == true)
        #expect(error("compare d holdout=0.3 steps=1")?.message.contains("no anchor at λ = 0.3") == true)
    }

    @Test func clusterOptionsNeedOnRayAndAWrongAddressChangesNothing() throws {
        _ = try run(#"d = load "tiny.csv" lambda=lambda outputs=x,y"#)
        #expect(error("t = sweep d retry=1")?.message.contains("add on=ray") == true)
        #expect(error("t = sweep d seeds=0,0")?.message.contains("twice") == true)
        #expect(error("t = sweep d seeds=0.5")?.message.contains("whole numbers") == true)
        // Port 9 (discard) has no dashboard: the error names the address and says why.
        let refused = error(#"t = sweep d steps=1 on=ray cluster="http://127.0.0.1:9""#)
        #expect(refused?.kind == .failed)
        #expect(refused?.message.contains("cannot reach the Ray cluster at http://127.0.0.1:9") == true)
        #expect(error(#"t = sweep d on=ray cluster="ray://head:10001""#)?.message.contains("dashboard") == true)
        #expect(session.variables["t"] == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hti-store").path), "nothing written")
    }

    @Test func theAddressComesFromTheOptionThenRaysVariables() throws {
        let env = ["RAY_ADDRESS": "10.0.0.1:8265", "RAY_API_SERVER_ADDRESS": "http://api:8265/"]
        #expect(try RayJobsClient.address(given: "http://head:8265", environment: env).absoluteString == "http://head:8265")
        #expect(try RayJobsClient.address(given: nil, environment: env).absoluteString == "http://api:8265")
        #expect(try RayJobsClient.address(given: nil, environment: ["RAY_ADDRESS": "10.0.0.1:8265"]).absoluteString == "http://10.0.0.1:8265")
        #expect(try RayJobsClient.address(given: nil, environment: [:]).absoluteString == "http://127.0.0.1:8265")
        #expect(throws: RayJobsClient.InvalidAddress.self) { try RayJobsClient.address(given: nil, environment: ["RAY_ADDRESS": "auto"]) }
        #expect(RayJobsClient.shellQuoted("/a b/it's.json") == #"'/a b/it'\''s.json'"#)
    }

    @Test func dataForAJobComesBackBitForBit() throws {
        let odd: [Float] = [0.1, -0.0, .leastNonzeroMagnitude, 1e30, 3.14159274, -2.5, 7, 0.3]
        let marginals = Marginals(source: "odd.csv", lambdaName: "t", outputNames: ["a", "b"],
                                  condition: .categorical(name: "c", classes: ["p", "q"]),
                                  anchors: [Anchor(lambda: 1, count: 2, outputs: Array(odd.prefix(4)), conditions: .classes([0, 1])),
                                            Anchor(lambda: 0, count: 2, outputs: Array(odd.suffix(4)), conditions: .classes([1, 1]))])
        let json = try JSONEncoder().encode(FitData(marginals))
        let back = try JSONDecoder().decode(FitData.self, from: json).marginals()
        #expect(back == marginals)
        #expect(back.anchors[1].outputs.map(\.bitPattern) == Array(odd.prefix(4)).map(\.bitPattern))
        let continuous = Marginals(source: "v.csv", lambdaName: "t", outputNames: ["a"], condition: .continuous(names: ["u", "v"]),
                                   anchors: [Anchor(lambda: 0, count: 1, outputs: [0.5], conditions: .vectors([0.25, -1], width: 2))])
        #expect(try JSONDecoder().decode(FitData.self, from: JSONEncoder().encode(FitData(continuous))).marginals() == continuous)
        var short = FitData(marginals)
        short.anchors[0].count = 3
        #expect(throws: FitData.Invalid.self) { try short.marginals() }
    }

    @Test func theJobsLinesAreFoundAmongOthers() {
        var result = FitJobLine(.result)
        result.model = "0-kthetau-seed0.htimodel"
        result.fitSeconds = 1.5
        result.losses = ["dual": -0.25]
        var progress = FitJobLine(.progress)
        progress.step = 3
        progress.total = 30
        progress.fraction = 0.25
        let log = "Ray: starting\n" + progress.json + "\nnot json {\"hti\"\n" + result.json + "\n"
        #expect(FitJobLine.parse(log: log) == [progress, result])
    }

    @Test func aSweepsBarShowsTheTrainersShareOfTheWork() {
        // During the warm-up no training step is done, but the work is under way.
        let warmUp = SweepProgressView.State.running(step: 0, total: 100, phase: "amortiser warm-up 30/300", eta: 40, done: 0.2)
        #expect(warmUp.fraction == 0.2)
        // A job of an older hti reports no share: steps stand in for it.
        #expect(SweepProgressView.State.running(step: 25, total: 100, phase: "training", eta: nil, done: nil).fraction == 0.25)
    }
}
