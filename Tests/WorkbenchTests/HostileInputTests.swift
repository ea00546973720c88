import CellIO
import Foundation
import HTI
import Testing
@testable import Workbench

/// Bad files, hostile cells and awkward save targets: each ends in a clear
/// error (or correct behaviour) and leaves the session and the files as they were.
@Suite struct HostileInputTests: SessionSuite {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let session: Session
    let captured = Captured()

    init() throws {
        scratch = try TemporaryFolder("hti-hostile")
        session = Session(workingDirectory: scratch.url)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func rows(_ count: Int) -> String {
        var text = "lambda,x,y\n"
        text.reserveCapacity(count * 24)
        for i in 0..<count { text += "\(i % 2),\(Double(i % 997) / 997),\(Double(i % 991) / 991)\n" }
        return text
    }

    @Test func aValueFloat32CannotHoldIsRefusedWithItsLineAndColumn() throws {
        _ = try write("big.csv", "lambda,x,y\n0,1,2\n0,1,3\n1,1e39,2\n1,2,2\n")
        _ = try run("x = 1")
        let e = error(#"d = load "big.csv""#)
        #expect(e?.kind == .file)
        #expect(e?.message.contains("big.csv, line 4, column 2 (`x`): `1e39` is too large for 32-bit floats") == true, "\(String(describing: e))")
        #expect(session.variables.count == 1)
    }

    @Test func quotedFieldsCommasAndCRLFAreRead() throws {
        _ = try write("quoted.csv", "lambda,\"x\",y,label\r\n0,1,2,\"a, b\"\r\n0,1,3,\"say \"\"hi\"\"\"\r\n1, 2 ,2,c\r\n1,2,2,d\r\n")
        _ = try run(#"d = load "quoted.csv" outputs=x,y"#)
        guard case .marginals(let m)? = session.variables["d"] else { Issue.record("not loaded"); return }
        #expect(m.anchors.map(\.count) == [2, 2] && m.anchors[1].outputs[0] == 2)
        _ = try write("open.csv", "lambda,x\n0,1\n0,\"2\n1,3\n")
        #expect(error(#"e = load "open.csv""#)?.message.contains("line 3: a quoted field is never closed") == true)
    }

    @Test func loadingIsLinearInRows() throws {
        // 300k rows took 23 s when every row copied its anchor's samples so far.
        _ = try write("rows.csv", HostileInputTests.rows(300_000))
        let started = Date()
        _ = try run(#"d = load "rows.csv""#)
        #expect(Date().timeIntervalSince(started) < 15)
        guard case .marginals(let m)? = session.variables["d"] else { Issue.record("not loaded"); return }
        #expect(m.sampleCount == 300_000)
    }

    @Test func anInterruptStopsALoadWithinASecondAndChangesNothing() throws {
        _ = try write("rows.csv", HostileInputTests.rows(1_500_000))
        let token = CancellationToken()
        let interrupter = Interrupter(cancelling: token, after: 0.2)
        let e = error(#"d = load "rows.csv""#, cancellation: token)
        #expect(e?.kind == .interrupted)
        #expect((interrupter.secondsSinceInterrupt ?? .infinity) < 1.3, "stopped within about a second of the interrupt")
        #expect(session.variables.isEmpty)
    }

    @Test func aFIFOOrAFolderIsRefusedInsteadOfBlocking() throws {
        let fifo = folder.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(error(#"d = load "pipe.csv""#)?.message.contains("not a regular file") == true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.htimodel"), withIntermediateDirectories: true)
        #expect(error(#"m = load "dir.htimodel""#)?.message.contains("folder") == true)
    }

    // MARK: Saving

    func loadSmallData() throws {
        _ = try write("small.csv", "lambda,x,y\n0,1,2\n0,1,3\n1,2,2\n1,2,3\n")
        _ = try run(#"d = load "small.csv""#)
    }

    @Test func savingOverANonRegularFileIsRefusedAndLeavesIt() throws {
        try loadSmallData()
        let fifo = folder.appendingPathComponent("out.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let e = error(#"save d "out.csv""#)
        #expect(e?.kind == .file && e?.message.contains("not a regular file") == true)
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
    }

    @Test func savingKeepsTheTargetsPermissions() throws {
        try loadSmallData()
        let path = try write("private.csv", "old")
        #expect(chmod(path, 0o600) == 0)
        _ = try run(#"save d "private.csv""#)
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o7777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("lambda,x,y"))
    }

    @Test func savingThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink() throws {
        try loadSmallData()
        let target = try write("real.csv", "old")
        let link = folder.appendingPathComponent("link.csv").path
        #expect(symlink(target, link) == 0)
        _ = try run(#"save d "link.csv""#)
        var status = stat()
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("lambda,x,y"))
        let dangling = folder.appendingPathComponent("dangling.csv").path
        #expect(symlink(folder.appendingPathComponent("nowhere.csv").path, dangling) == 0)
        #expect(error(#"save d "dangling.csv""#)?.message.contains("symbolic link to a file that does not exist") == true)
    }

    @Test func aSaveCleansUpTemporariesOfKilledSaves() throws {
        try loadSmallData()
        // A pid far above any the kernel hands out: its process is certainly gone.
        let stale = folder.appendingPathComponent(".d.csv.hti-save-2147483000").path
        _ = try write(".d.csv.hti-save-2147483000", "half a file")
        _ = try run(#"save d "d.csv""#)
        #expect(!FileManager.default.fileExists(atPath: stale))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("hti-save") }
        #expect(left.isEmpty)
    }

    // MARK: Errors name their place

    @Test func runtimeErrorsWithoutAPlacePointAtTheirStatement() throws {
        let failing = CommandSpec(name: "fail", summary: "Always fails.") { _, _ in
            throw WorkbenchError(.failed, "it broke")
        }
        let session = Session(registry: CommandRegistry([failing]), workingDirectory: folder)
        do {
            _ = try session.run(cell: "# comment\n\n   fail", output: makeChannel(captured), cancellation: CancellationToken())
            Issue.record("did not fail")
        } catch let e as WorkbenchError {
            #expect(e.location?.line == 3 && e.location?.column == 4)
            #expect(ScriptRunner.report(e, file: "s.hti", source: "# comment\n\n   fail").hasPrefix("s.hti:3:4: CommandError"))
        }
    }
}
