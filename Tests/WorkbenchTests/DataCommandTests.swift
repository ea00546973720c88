import Foundation
import HTI
import Testing
@testable import Workbench

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

@Suite struct DataCommandTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    @Test func loadNamesColumnsAndConditions() throws {
        _ = try run(#"d = load "data/semicircles.csv" lambda=lambda outputs=x,y condition=arc categorical"#)
        guard case .marginals(let m)? = session.variables["d"] else { Issue.record("no marginals"); return }
        #expect(m.lambdas == [0, 0.5, 1] && m.condition == .categorical(name: "arc", classes: ["0", "1", "2", "3"]))
    }

    @Test func loadDefaultsOutputsToTheRemainingColumns() throws {
        _ = try run(#"d = load "data/moons_dropout.csv" condition=moon"#)
        guard case .marginals(let m)? = session.variables["d"] else { Issue.record("no marginals"); return }
        #expect(m.outputNames == ["x", "y"])
        #expect(m.condition == .categorical(name: "moon", classes: ["0", "1"]))
    }

    @Test func badFileIsAFileErrorAtThePathAndChangesNothing() throws {
        _ = try run("x = 1")
        let e = error(#"x = load "data/missing.csv""#)
        #expect(e?.kind == .file)
        #expect(e?.message.contains("missing.csv: no such file") == true)
        #expect(e?.location?.column == 10)
        guard case .number(1)? = session.variables["x"] else { Issue.record("x changed"); return }
    }

    @Test func unknownColumnListsTheColumns() {
        let e = error(#"d = load "data/semicircles.csv" outputs=x,z"#)
        #expect(e?.message.contains("has no column `z`; its columns are `lambda`, `x`, `y`, `arc`") == true)
        #expect(e?.location?.column == 43, "the caret goes under the misnamed column")
    }

    @Test func saveThenLoadGivesTheSameMarginals() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hti-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("d.csv").path
        _ = try run(#"d = load "data/semicircles.csv" condition=arc"# + "\n" + #"save d "\#(file)""# + "\n"
                    + #"e = load "\#(file)" condition=arc"#)
        guard case .marginals(let d)? = session.variables["d"], case .marginals(var e)? = session.variables["e"] else {
            Issue.record("missing"); return
        }
        e.source = d.source
        #expect(e == d)
    }

    @Test func saveIntoAMissingFolderFailsCleanly() throws {
        _ = try run(#"d = load "data/semicircles.csv" condition=arc"#)
        let e = error(#"save d "/no/such/folder/d.csv""#)
        #expect(e?.kind == .file && e?.message.contains("does not exist") == true)
    }

    @Test func scoringDataAgainstItselfIsZero() throws {
        let value = try run(#"d = load "data/semicircles.csv" condition=arc"# + "\nscore d against d truth=semicircles")
        guard case .table(let table)? = value else { Issue.record("no table"); return }
        #expect(table.columns == ["lambda", "arc", "n", "reference n", "W2²", "energy", "MMD", "NLL", "CD"])
        #expect(table.rows.count == 12 && table.summary.count == 1, "12 data rows, the mean apart")
        #expect(table.rows.allSatisfy { $0[4] == "0.0000" })
        let meanNLL = Double(table.summary.first?[7].display ?? "") ?? 0
        #expect(meanNLL < -0.8, "real semicircle data should be likely under the true density")
    }

    @Test func tablesGoToMachinesAtFullPrecisionWithPlainNames() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hti-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("scores.csv").path
        _ = try run(#"d = load "data/semicircles.csv" condition=arc"# + "\n" + #"e = load "data/semicircles.csv" condition=arc keep=0,1"#
                    + "\nt = score e against d truth=semicircles\n" + #"save t "\#(file)""#)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "lambda,arc,n,reference_n,w2,energy,mmd,nll,cd")
        #expect(lines.count == 9, "8 data rows, no mean row")
        guard case .table(let table)? = session.variables["t"], case .number(let nll) = table.cells[0][7].content else {
            Issue.record("no table"); return
        }
        #expect(lines[1].split(separator: ",")[7] == Substring(TableExport.fullPrecision(nll)))
        #expect(TableExport.fullPrecision(nll) != table.cells[0][7].display, "the CSV has more digits than the display")
        _ = try run("w = pick t row=mean column=W2²\nnll = pick t row=0,2 column=nll\nfirst = pick t row=1,3 column=cd")
        guard case .number(let w)? = session.variables["w"], case .number(let picked)? = session.variables["nll"] else {
            Issue.record("pick made no numbers"); return
        }
        #expect(w == 0 && picked.isFinite)
        #expect(error("x = pick t row=0.5 column=nll")?.message.contains("no row starts with 0.5") == true)
        #expect(error("x = pick t row=0 column=nll")?.message.contains("4 rows start with 0") == true)
        #expect(error("x = pick t row=mean column=w3")?.message.contains("no column `w3`") == true)
        let resource = TableExport.dataResource(table)
        #expect(resource["schema"]?["fields"]?.arrayValue?.map { $0["type"]?.stringValue } ==
                ["integer", "string", "integer", "integer", "number", "number", "number", "number", "number"])
        #expect(resource["data"]?.arrayValue?.count == 8)
    }

    @Test func scoringAtALambdaTheReferenceLacksSaysWhichItHas() throws {
        _ = try run(#"d = load "data/semicircles.csv" condition=arc"# + "\n" + #"m = load "data/moons_dropout.csv" condition=moon"#)
        let e = error("score m against d")
        #expect(e?.message.contains("the reference has") == true)
    }

    @Test func unnamedValuesBeforeTheLastAreShown() throws {
        _ = try run(#"d = load "data/semicircles.csv" condition=arc"# + "\nshow d\n42")
        #expect(captured.displays == 1)
    }
}
