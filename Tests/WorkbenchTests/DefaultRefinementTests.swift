import Foundation
import HTI
import Testing
@testable import Workbench

/// `sample` with no `refine=`: small draws get refined paths, large ones the amortiser's,
/// and a large one says so.
@Suite struct DefaultRefinementTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    func outputs(_ name: String) -> [Float] {
        guard case .marginals(let m)? = session.variables[name] else { return [] }
        return m.anchors.flatMap(\.outputs)
    }

    @Test func aSmallDrawIsRefinedByDefaultAndALargeOneSaysItIsNot() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"# + "\nm = fit d steps=3 seed=0")
        // 4 classes × 50 starts × 1 pair = 200 paths: refined.
        captured.stdout = ""
        let iterations = HTIModel.defaultRefinementIterations
        _ = try run("s = sample m lambda=0.25 n=50\nr = sample m lambda=0.25 n=50 refine=\(iterations)\na = sample m lambda=0.25 n=50 refine=0")
        #expect(outputs("s") == outputs("r") && outputs("s") != outputs("a"), "the default is refine=\(iterations) for a small draw")
        #expect(!captured.stdout.contains("refined by default"))
        // 4 × 300 starts × 2 pairs = 2,400 paths: over the limit, the amortiser's paths, and a note.
        guard case .model(let model)? = session.variables["m"] else { Issue.record("no model"); return }
        let starts = model.defaultStart(perCondition: 300).count
        #expect(model.pathCount(starts: starts, at: [0.25, 0.75]) > HTIModel.refinedByDefaultUpTo)
        captured.stdout = ""
        _ = try run("s = sample m lambda=0.25,0.75 n=300\na = sample m lambda=0.25,0.75 n=300 refine=0")
        #expect(outputs("s") == outputs("a"))
        #expect(captured.stdout.contains("paths, more than the 2,000 refined by default"), "\(captured.stdout)")
        // Asked for explicitly, nothing is said.
        captured.stdout = ""
        _ = try run("a = sample m lambda=0.25,0.75 n=300 refine=0")
        #expect(!captured.stdout.contains("refined by default"))
    }

    @Test func theDefaultRefinementShortensWithTheDrawsSizeSoADefaultDrawStaysNearASecond() {
        let full = HTIModel.defaultRefinementIterations, shorter = HTIModel.shorterRefinementIterations
        #expect(full > shorter && shorter > 0)
        #expect(HTIModel.defaultRefinement(paths: 1) == full)
        #expect(HTIModel.defaultRefinement(paths: HTIModel.fullyRefinedByDefaultUpTo) == full)
        #expect(HTIModel.defaultRefinement(paths: HTIModel.fullyRefinedByDefaultUpTo + 1) == shorter)
        #expect(HTIModel.defaultRefinement(paths: HTIModel.refinedByDefaultUpTo) == shorter)
        #expect(HTIModel.defaultRefinement(paths: HTIModel.refinedByDefaultUpTo + 1) == 0)
        #expect(HTIModel.defaultRefinement(paths: Int.max) == 0)
        // The spent budget, paths × iterations, is no larger in the shorter tier than in the full one.
        #expect(HTIModel.refinedByDefaultUpTo * shorter <= HTIModel.fullyRefinedByDefaultUpTo * full)
    }
}
