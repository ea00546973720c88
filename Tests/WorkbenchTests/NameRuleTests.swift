import Foundation
import HTI
import Testing
@testable import Workbench

/// Names mean one thing: column names are names, variables stand for values only
/// where a number, numbers, a path or a fixed word is expected, and a command's name
/// cannot be taken by a variable.
@Suite struct NameRuleTests: SessionSuite {
    let session = Session(workingDirectory: repositoryRoot)
    let captured = Captured()

    @Test func columnNamesAreNeverVariableLookUps() throws {
        _ = try run("x = 1\ny = 2\narc = 3")
        _ = try run(#"d = load "data/semicircles.csv" outputs=x,y condition=arc"#)
        guard case .marginals(let m)? = session.variables["d"] else { Issue.record("not loaded"); return }
        #expect(m.outputNames == ["x", "y"] && m.condition.names == ["arc"])
    }

    @Test func variablesStandForNumbersPathsAndChoicesWhereThoseAreExpected() throws {
        _ = try run("seconds = 0.01\nsleep seconds")
        _ = try run(#"file = "data/semicircles.csv""# + "\n" + "d = load file condition=arc")
        guard case .marginals? = session.variables["d"] else { Issue.record("load took no path variable"); return }
        let fit = CommandRegistry.standard.command(named: "fit")
        let spec = try #require(fit)
        let variables: [String: Value] = ["n": .number(7), "which": .text("identity"), "x": .number(1)]
        let arguments = try #require(try Parser.parse(line: "fit d steps=n metric=which")).arguments
        let substituted = VariableSubstitution(spec: spec, variables: variables).apply(to: arguments)
        #expect(substituted.map(\.source) == ["d", "steps=7", "metric=identity"])
    }

    @Test func aListValueStandsForNumbers() throws {
        _ = try run("lams = 0.25, 0.75")
        guard case .list(let items)? = session.variables["lams"] else { Issue.record("no list"); return }
        #expect(items.count == 2)
        let spec = try #require(CommandRegistry.standard.command(named: "sample"))
        let arguments = try #require(try Parser.parse(line: "sample m lambda=lams")).arguments
        #expect(VariableSubstitution(spec: spec, variables: session.variables).apply(to: arguments).map(\.source)
                == ["m", "lambda=0.25,0.75"])
    }

    @Test func printWritesTextWithoutQuotes() throws {
        _ = try run(#"greeting = "hello \"papermill\"""# + "\nprint greeting")
        #expect(captured.stdout.contains("hello \"papermill\"\n"))
        #expect(!captured.stdout.contains("\"hello"))
    }

    @Test func aCommandsNameCannotBeBound() throws {
        do { _ = try run("load = 5"); Issue.record("bound `load`") } catch let e as WorkbenchError {
            #expect(e.message.contains("`load` is a command"))
            #expect(e.location?.column == 1)
        }
        #expect(session.variables["load"] == nil)
    }
}

extension Statement {
    /// The command's arguments (empty for other statements).
    var arguments: [CommandArgument] {
        if case .command(_, _, let arguments) = body { return arguments }
        return []
    }
}
