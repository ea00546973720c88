import Foundation
import Testing
@testable import HTI

let dataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../data").standardized

@Suite struct CSVMarginalsLoaderTests {
    func parse(_ text: String, _ columns: ColumnSelection = ColumnSelection()) throws -> Marginals {
        try CSVMarginalsLoader.parse(text: text, source: "t.csv", columns: columns)
    }

    @Test func loadsTheSemicircles() throws {
        let m = try CSVMarginalsLoader.load(path: dataFolder.appendingPathComponent("semicircles.csv").path,
                                            columns: ColumnSelection(conditions: ["arc"], categorical: true))
        #expect(m.lambdas == [0, 0.5, 1])
        #expect(m.outputNames == ["x", "y"])
        #expect(m.condition == .categorical(name: "arc", classes: ["0", "1", "2", "3"]))
        #expect(m.sampleCount == 1200)
        #expect(m.anchors.allSatisfy { $0.count == 400 })
    }

    @Test func loadsTheQuantileForecasterWithContinuousContext() throws {
        let context = (0..<12).map { "h\($0)" }
        let m = try CSVMarginalsLoader.load(path: dataFolder.appendingPathComponent("ett_quantiles.csv").path,
                                            columns: ColumnSelection(conditions: context))
        #expect(m.lambdas == [0.01, 0.99])
        #expect(m.outputNames == ["y1", "y2", "y3"])
        #expect(m.condition == .continuous(names: context))
        guard case .vectors(let values, let width) = m.anchors[0].conditions else { Issue.record("no vectors"); return }
        #expect(width == 12 && values.count == 12 * m.anchors[0].count)
    }

    @Test func unequalSpacingAndCountsAreFine() throws {
        let m = try parse("lambda,a\n0,1\n0,2\n0,3\n0.9,4\n0.9,5\n10,6\n10,7\n")
        #expect(m.lambdas == [0, 0.9, 10])
        #expect(m.anchors.map(\.count) == [3, 2, 2])
    }

    @Test func nonNumericCellNamesLineAndColumn() {
        #expect(throws: MarginalsError.nonNumeric(source: "t.csv", line: 3, column: "y", columnNumber: 3, value: "abc")) {
            try parse("lambda,x,y\n0,1,2\n0,1,abc\n1,1,1\n")
        }
    }

    @Test func nonFiniteCellIsRefused() {
        #expect(throws: MarginalsError.nonFinite(source: "t.csv", line: 2, column: "x", columnNumber: 2, value: "nan")) {
            try parse("lambda,x\n0,nan\n1,1\n")
        }
    }

    @Test func raggedRowIsRefused() {
        #expect(throws: MarginalsError.raggedRow(source: "t.csv", line: 3, expected: 3, found: 2)) {
            try parse("lambda,x,y\n0,1,2\n0,1\n")
        }
    }

    @Test func oneLambdaIsTooFew() {
        #expect(throws: MarginalsError.tooFewAnchors(source: "t.csv", found: [0.5])) { try parse("lambda,x\n0.5,1\n0.5,2\n") }
    }

    @Test func missingColumnListsTheColumns() {
        #expect(throws: MarginalsError.missingColumn(source: "t.csv", column: "tau", available: ["lambda", "x"])) {
            try parse("lambda,x\n0,1\n1,2\n", ColumnSelection(lambda: "tau"))
        }
    }

    @Test func classMissingAtAnAnchorIsRefused() {
        #expect(throws: MarginalsError.classMissing(source: "t.csv", className: "1", lambda: 1)) {
            try parse("lambda,x,c\n0,1,0\n0,2,1\n1,1,0\n1,2,0\n", ColumnSelection(conditions: ["c"], categorical: true))
        }
    }

    @Test func tooFewSamplesAtAnAnchor() {
        #expect(throws: MarginalsError.tooFewSamples(source: "t.csv", lambda: 1, count: 1, minimum: 2)) {
            try parse("lambda,x\n0,1\n0,2\n1,3\n")
        }
    }

    @Test func classLabelsAreOrderedNumerically() throws {
        let m = try parse("lambda,x,c\n0,1,10\n0,2,9\n1,1,9\n1,2,10\n", ColumnSelection(conditions: ["c"], categorical: true))
        #expect(m.condition == .categorical(name: "c", classes: ["9", "10"]))
        #expect(m.anchors[0].conditions == .classes([1, 0]))
    }

    @Test func missingFileIsNamed() {
        #expect(throws: MarginalsError.unreadable(source: "/no/such.csv", reason: "no such file")) {
            try CSVMarginalsLoader.load(path: "/no/such.csv", columns: ColumnSelection())
        }
    }

    @Test func holdingOutAnchors() throws {
        let m = try parse("lambda,x\n0,1\n0,2\n0.5,3\n0.5,4\n1,5\n1,6\n")
        #expect(try m.keeping(lambdas: [0, 1]).lambdas == [0, 1])
        #expect(throws: MarginalsError.noSuchAnchor(source: "t.csv", lambda: 0.3, available: [0, 0.5, 1])) {
            try m.keeping(lambdas: [0, 0.3])
        }
    }
}
