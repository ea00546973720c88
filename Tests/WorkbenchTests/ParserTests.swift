import Foundation
import Testing
@testable import Workbench

@Suite struct ParserTests {
    @Test func commandWithTargetPositionalsAndOptions() throws {
        let s = try #require(try Parser.parse(line: #"m = fit d seed=0 metric=learned lambda=0.25,0.75 from="start.csv" # note"#))
        #expect(s.target?.name == "m")
        guard case .command(let name, _, let args) = s.body else { Issue.record("not a command"); return }
        #expect(name == "fit")
        #expect(args.count == 5)
        #expect(args[3].source == "lambda=0.25,0.75")
        #expect(args[4].source == #"from="start.csv""#)
    }

    @Test func continuationJoinsLinesAndKeepsColumns() throws {
        let statements = try Parser.parse(cell: "fit d \\\n  steps=3\nwho")
        #expect(statements.count == 2)
        #expect(statements[0].source == "fit d steps=3")
        guard case .command(_, _, let args) = statements[0].body, case .option(_, let location, _) = args[1] else {
            Issue.record("bad parse"); return
        }
        #expect(location.line == 2 && location.column == 3)
    }

    @Test func commentsAndBlankLinesAreSkipped() throws {
        #expect(try Parser.parse(cell: "# only a comment\n\n   \nwho # trailing").count == 1)
    }

    @Test func hashInsideStringIsNotAComment() throws {
        let s = try #require(try Parser.parse(line: #"print "a # b""#))
        #expect(s.source == #"print "a # b""#)
    }

    @Test func unterminatedStringIsAnErrorOnItsLine() {
        do { _ = try Parser.parse(cell: "print 1\nload \"data\nprint 2"); Issue.record("parsed") } catch let e as SyntaxError {
            #expect(e.reason == .unterminatedString && !e.isIncompleteInput)
            #expect(e.location.line == 2 && e.location.column == 6)
        } catch { Issue.record("\(error)") }
    }

    @Test func magicsNestOnlyAFewDeep() throws {
        let allowed = String(repeating: "%time ", count: Parser.maximumMagicNesting) + "who"
        #expect(try Parser.parse(cell: allowed).count == 1)
        // The issue's 18 KB cell: an error naming the limit, not a stack overflow.
        let hostile = String(repeating: "%time ", count: 3000) + "who"
        do { _ = try Parser.parse(cell: hostile); Issue.record("parsed") } catch let e as SyntaxError {
            #expect(e.reason == .nestedTooDeep(limit: Parser.maximumMagicNesting))
            #expect(e.location.column == 6 * Parser.maximumMagicNesting + 1)
        } catch { Issue.record("\(error)") }
    }

    @Test func manyContinuedLinesJoinInLinearTime() throws {
        // 100,000 continued lines took 36 s when each join copied the line so far.
        let cell = "print 1" + String(repeating: " \\\n2", count: 100_000)
        let started = Date()
        let statements = try Parser.parse(cell: cell)
        #expect(Date().timeIntervalSince(started) < 5)
        guard case .command(_, _, let arguments)? = statements.first?.body else { Issue.record("not a command"); return }
        #expect(arguments.count == 100_001)
        #expect(statements.first?.location.line == 1)
    }

    @Test func danglingContinuationIsIncomplete() {
        do { _ = try Parser.parse(cell: "fit d \\"); Issue.record("parsed") } catch let e as SyntaxError {
            #expect(e.isIncompleteInput)
        } catch {}
    }

    @Test func strayEqualsIsInvalidWithLocation() {
        do { _ = try Parser.parse(cell: "x = = 1"); Issue.record("parsed") } catch let e as SyntaxError {
            #expect(!e.isIncompleteInput)
            #expect(e.location.column == 5)
        } catch {}
    }

    @Test func optionWithoutValueIsReported() {
        do { _ = try Parser.parse(cell: "fit d steps="); Issue.record("parsed") } catch let e as SyntaxError {
            #expect(e.reason == .missingValue(option: "steps"))
        } catch {}
    }

    @Test func magicWrapsAStatement() throws {
        let s = try #require(try Parser.parse(line: "%time m = fit d steps=3"))
        guard case .magic(let name, _, let inner) = s.body else { Issue.record("not a magic"); return }
        #expect(name == "time" && inner.target?.name == "m")
        #expect(s.source == "%time m = fit d steps=3")
    }

    @Test func numbersKeepTheirWrittenForm() throws {
        let s = try #require(try Parser.parse(line: "sample m lambda=0.50,1e-3,-2"))
        #expect(s.source == "sample m lambda=0.50,1e-3,-2")
    }
}
