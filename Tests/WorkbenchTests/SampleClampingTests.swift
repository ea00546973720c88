import Foundation
import HTI
import Testing
@testable import Workbench

/// `sample … clamp=`: what clamping did is always said, and it can be turned off.
@Suite struct SampleClampingTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    /// Start points far outside the data, so their paths leave the data's box.
    func writeFarStart(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("far.csv").path
        try "lambda,x,y,arc\n0,40,40,0\n0,-40,40,1\n0,40,-40,2\n0,-40,-40,3\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func clampingIsReportedAndCanBeTurnedOff() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hti-clamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let far = try writeFarStart(in: folder)
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"# + "\nm = fit d steps=2 seed=0")
        captured.stdout = ""
        _ = try run(#"s = sample m lambda=0.25 from="\#(far)""#)
        #expect(captured.stdout.contains("Note: 4 of 4 sampled points fell outside the data's box x ∈ ["))
        #expect(captured.stdout.contains("were moved onto its edge"))
        #expect(captured.stdout.contains("Note: 4 of 4 start points lie beyond the training data"),
                "the networks read these starts at the box's edge, and say so")
        captured.stdout = ""
        _ = try run(#"t = sample m lambda=0.25 from="\#(far)" clamp=off"#)
        #expect(captured.stdout.contains("Note: 4 of 4 sampled points") && captured.stdout.contains("are kept where the paths put them"))
        guard case .marginals(let clamped)? = session.variables["s"], case .marginals(let kept)? = session.variables["t"],
              case .marginals(let data)? = session.variables["d"] else { Issue.record("no samples"); return }
        let (lower, upper) = data.bounds
        #expect(clamped.anchors[0].outputs.enumerated().allSatisfy { i, v in v >= lower[i % 2] && v <= upper[i % 2] })
        #expect(kept.anchors[0].outputs.enumerated().contains { i, v in v < lower[i % 2] || v > upper[i % 2] })
    }

    @Test func noNoteWhenNothingLeftTheBox() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"# + "\nm = fit d steps=2 seed=0")
        captured.stdout = ""
        _ = try run("s = sample m lambda=0 n=5")
        #expect(!captured.stdout.contains("outside the data's box"))
        #expect(!captured.stdout.contains("beyond the training data"))
    }

    @Test func aBadClampValueIsAUsageError() throws {
        _ = try run(#"d = load "data/semicircles.csv" preset=semicircles"# + "\nm = fit d steps=2 seed=0")
        do { _ = try run("s = sample m lambda=0.5 clamp=maybe"); Issue.record("clamp=maybe accepted") } catch let error as WorkbenchError {
            #expect(error.message.contains("on") && error.message.contains("off"))
        }
        #expect(session.variables["s"] == nil)
    }
}
