import CellIO
import Foundation
import HTI
import Testing
@testable import Workbench

/// `load` says what it guessed, and warns about columns that look wrong for their role.
@Suite struct LoadReportTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let session: Session
    let captured = Captured()

    init() throws {
        scratch = try TemporaryFolder("hti-load-report")
        session = Session(workingDirectory: scratch.url)
    }

    func run(_ cell: String) throws {
        _ = try session.run(cell: cell, output: makeChannel(captured), cancellation: CancellationToken())
    }

    @Test func guessedColumnsAreNamed() throws {
        try "lambda,x,y\n0,1,2\n0,1,3\n1,2,2\n1,2,3\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try run(#"d = load "a.csv""#)
        #expect(captured.stdout.contains("a.csv: λ from `lambda`, outputs `x`, `y` (every other column); no condition"))
        captured.stdout = ""
        try run(#"d = load "a.csv" outputs=x,y"#)
        #expect(captured.stdout.contains("outputs `x`, `y`;"), "outputs named, condition still reported as none")
    }

    @Test func suspiciousColumnsAreWarnedAbout() throws {
        var text = "lambda,x,y,c\n"
        for i in 0..<60 { text += "\(i % 2),\(i),5,\(Double(i / 2) / 7)\n" }
        try text.write(to: folder.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        try run(#"d = load "b.csv" outputs=x,y condition=c categorical"#)
        #expect(captured.stderr.contains("warning: output `y` has the same value (5) in every row"))
        #expect(captured.stderr.contains("warning: condition `c` has 30 distinct values read as classes, some of them fractional"))
        #expect(captured.stdout.isEmpty, "nothing was guessed")
    }

    @Test func theModelSummaryShowsTheBandwidthUsed() throws {
        var text = "lambda,x,y\n"
        for i in 0..<40 { text += "\(i % 2),\(Double(i % 7) / 3),\(Double(i % 5) / 2)\n" }
        try text.write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        try run(#"d = load "c.csv" outputs=x,y"# + "\nm = fit d steps=1")
        guard case .marginals(let m)? = session.variables["d"], case .model(let model)? = session.variables["m"] else {
            Issue.record("no model"); return
        }
        let plain = ModelSummary.table(model).plainText
        #expect(plain.contains("bandwidth \(Value.format(DensityPotential.scottBandwidth(m))) (Scott's rule)"), "\(plain)")
    }
}
