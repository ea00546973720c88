import PropertyBased
import Testing
@testable import Workbench

/// Statements built from random parts: printing one and parsing it back must
/// give the same statement; random text must never crash the parser.
@Suite struct ParserPropertyTests {
    static let name = Gen.letter.string(of: 1...8)
    static let number = Gen.int(in: -100_000...100_000).map { n -> String in
        Value.format(Double(n) / 100)
    }
    static let anyText = Gen.element(of: ["a", "λ", " ", "\"", "\\", "#", "=", ",", "\n", "\t", "%", "é", "1"])
        .array(of: 0...12).map { $0.compactMap { $0 }.joined() }

    /// A word, a number or a quoted string, chosen by `kind`.
    static let literal = zip(Gen.int(in: 0...2), name, number, anyText).map { kind, word, number, text -> String in
        switch kind {
        case 0: return word
        case 1: return number
        default: return Literal.quote(text)
        }
    }

    /// A positional literal, or an option with one to three values.
    static let argument = zip(Gen.bool(), name, literal.array(of: 1...3)).map { isOption, option, values -> String in
        isOption ? "\(option)=" + values.joined(separator: ",") : values[0]
    }

    static let statement = zip(name.optional(valueRate: 0.4), name, argument.array(of: 0...5))
        .map { target, command, args -> String in
            (target.map { "\($0) = " } ?? "") + ([command] + args).joined(separator: " ")
        }

    @Test func printingAndParsingAgainGivesTheSameStatement() async {
        await propertyCheck(count: 400, input: ParserPropertyTests.statement) { source in
            guard let parsed = try? Parser.parse(line: source) else {
                Issue.record("failed to parse generated statement: \(source)")
                return
            }
            #expect(parsed.source == source)
            let again = try? Parser.parse(line: parsed.source)
            #expect(again == parsed)
        }
    }

    @Test func randomTextNeverCrashes() async {
        await propertyCheck(count: 1000, input: ParserPropertyTests.anyText) { text in
            do { _ = try Parser.parse(cell: text) } catch { #expect(error is SyntaxError) }
        }
    }

    @Test func randomCellsWithContinuationsNeverCrash() async {
        let line = Gen.element(of: ["fit d", " \\", "x = ", "\"a", "# c", "steps=3", ",", "%time", "\n"])
            .array(of: 0...10).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 1000, input: line) { text in
            do { _ = try Parser.parse(cell: text) } catch { #expect(error is SyntaxError) }
        }
    }
}
