import CellIO
import Foundation
import Jupyter
import Testing
@testable import Workbench
@testable import WorkbenchKernel

@Suite struct InterpreterTests {
    let interpreter = WorkbenchInterpreter()

    @Test func completesCommandNames() {
        let c = interpreter.complete(code: "pri", cursor: 3)
        #expect(c.matches == ["print"] && c.cursorStart == 0 && c.cursorEnd == 3)
    }

    @Test func completesOptionsAndTheirValues() {
        #expect(interpreter.complete(code: "print x t", cursor: 9).matches == ["to="])
        let values = interpreter.complete(code: "print x to=std", cursor: 14)
        #expect(values.matches == ["stderr", "stdout"] && values.cursorStart == 11)
    }

    @Test func completesVariableNames() throws {
        _ = try interpreter.session.run(cell: "alpha = 1\nalpine = 2", output: OutputChannel(emit: { _ in }),
                                        cancellation: CancellationToken())
        #expect(interpreter.complete(code: "del al", cursor: 6).matches == ["alpha", "alpine"])
    }

    @Test func completesPathsInsideQuotes() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hti-complete-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("data/semicircles.csv"))
        let interpreter = WorkbenchInterpreter(session: Session(workingDirectory: dir))
        let top = interpreter.complete(code: #"print "da"#, cursor: 9)
        #expect(top.matches == ["data/"] && top.cursorStart == 7)
        let inner = interpreter.complete(code: #"print "data/se"#, cursor: 14)
        #expect(inner.matches == ["data/semicircles.csv"])
    }

    @Test func completionCursorCountsUnicodeScalars() {
        let c = interpreter.complete(code: "# λλ\npri", cursor: 8)
        #expect(c.matches == ["print"] && c.cursorStart == 5)
    }

    @Test func isCompleteUnderstandsContinuationsAndQuotes() {
        #expect(interpreter.isComplete(code: "print 1") == .complete)
        #expect(interpreter.isComplete(code: "print 1 \\") == .incomplete(indent: ""))
        // Strings end on their line, so an open quote is an error to report, not input to wait for;
        // so are a bare magic and a trailing comma. Only a trailing `\` asks for more.
        #expect(interpreter.isComplete(code: #"print "open"#) == .invalid)
        #expect(interpreter.isComplete(code: "print \"hi\n\\") == .invalid)
        #expect(interpreter.isComplete(code: "%time") == .invalid)
        #expect(interpreter.isComplete(code: "fit d steps=1,") == .invalid)
        #expect(interpreter.isComplete(code: "x = = 1") == .invalid)
    }

    @Test func inspectShowsCommandHelpAndVariableSummaries() throws {
        #expect(interpreter.inspect(code: "sleep 2", cursor: 2, detailLevel: 0)?.plainText?.hasPrefix("sleep <seconds>") == true)
        _ = try interpreter.session.run(cell: "x = 3", output: OutputChannel(emit: { _ in }), cancellation: CancellationToken())
        #expect(interpreter.inspect(code: "x", cursor: 1, detailLevel: 0)?.plainText == "x: number\n3")
        #expect(interpreter.inspect(code: "print y to=stderr", cursor: 9, detailLevel: 0)?.plainText?.contains("which stream") == true)
        #expect(interpreter.inspect(code: "", cursor: 0, detailLevel: 0) == nil)
    }

    @Test func errorsBecomeTracebacksWithCarets() {
        let outcome = interpreter.execute(ExecuteRequest(code: "print x to=nowhere"), output: OutputChannel(emit: { _ in }))
        guard case .failure(let error) = outcome else { Issue.record("did not fail"); return }
        #expect(error.name == "UsageError")
        #expect(error.value == "print: option `to` expects one of `stdout`, `stderr`, not `nowhere`")
        #expect(error.traceback.last?.contains("^") == true)
    }

    @Test func embeddedKernelspecAssetsMatchTheRepositoryFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../kernelspec/hti").standardized
        for (name, data) in KernelSpecAssets.files {
            #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == data,
                    "run scripts/embed-kernelspec-assets.sh after changing kernelspec/hti/\(name)")
        }
        #expect(KernelSpecAssets.files.count == 3)
    }
}

@Suite struct ReadmeTests {
    @Test func readmeCommandReferenceIsCurrent() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardized
        let readme = try String(contentsOf: url, encoding: .utf8)
        let updated = try #require(CommandReference.updating(readme: readme), "README.md lost its command-reference markers")
        #expect(updated == readme, "the README's command reference is stale: run `hti reference --update README.md`")
    }
}
