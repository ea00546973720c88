import Foundation
import Testing
@testable import HTI

@Suite struct DensityPotentialTests {
    /// Two anchors of random 2-D points; classes alternate when `classes` > 0, or a 3-wide context when `context`.
    static func marginals(classes: Int = 0, context: Bool = false, count: Int = 60, seed: UInt64 = 3) -> Marginals {
        var rng = SplitMix(seed: seed)
        let anchors = [0.0, 1.0].map { lambda -> Anchor in
            let outputs = (0..<(count * 2)).map { _ in Float(rng.normal() + lambda) }
            let conditions: ConditionValues = classes > 0 ? .classes((0..<count).map { Int32($0 % classes) })
                : context ? .vectors((0..<(count * 3)).map { _ in Float(rng.normal()) }, width: 3) : .none
            return Anchor(lambda: lambda, count: count, outputs: outputs, conditions: conditions)
        }
        let schema: ConditionSchema = classes > 0 ? .categorical(name: "c", classes: (0..<classes).map(String.init))
            : context ? .continuous(names: ["a", "b", "c"]) : .none
        return Marginals(source: "test", lambdaName: "lambda", outputNames: ["x", "y"], condition: schema, anchors: anchors)
    }

    /// log p̂ by the textbook formula, in Double.
    static func naiveLogDensity(_ m: Marginals, _ q: [Double], h: Double, classIndex: Int? = nil,
                                condition: [Double]? = nil, hc: Double = 1) -> Double {
        var num = 0.0, den = 0.0
        for anchor in m.anchors {
            for i in 0..<anchor.count {
                var w = 1.0
                if let classIndex, case .classes(let labels) = anchor.conditions, Int(labels[i]) != classIndex { continue }
                if let condition, case .vectors(let values, let width) = anchor.conditions {
                    var dist = 0.0
                    for k in 0..<width { let diff = condition[k] - Double(values[i * width + k]); dist += diff * diff }
                    w = exp(-dist / (2 * hc * hc))
                }
                var dist = 0.0
                for k in 0..<2 { let diff = q[k] - Double(anchor.outputs[i * 2 + k]); dist += diff * diff }
                num += w * exp(-dist / (2 * h * h)) / (2 * Double.pi * h * h)
                den += w
            }
        }
        return log(num / den + DensityPotential.epsilon)
    }

    @Test func matchesTheTextbookFormulaAcrossChunks() {
        let m = DensityPotentialTests.marginals()
        let potential = DensityPotential(marginals: m, weight: 0.5, bandwidth: 0.3)
        var rng = SplitMix(seed: 9)
        let count = 600  // more than one chunk
        let queries = (0..<(count * 2)).map { _ in Float(rng.normal() * 2) }
        let values = potential.evaluate(queries, count: count)
        for i in stride(from: 0, to: count, by: 37) {
            let expected = 0.5 * DensityPotentialTests.naiveLogDensity(m, [Double(queries[2 * i]), Double(queries[2 * i + 1])], h: 0.3)
            #expect(abs(Double(values[i]) - expected) < 1e-3 * max(1, abs(expected)))
        }
    }

    @Test func gradientMatchesFiniteDifferences() {
        for (m, classes, conditions) in [
            (DensityPotentialTests.marginals(), nil as [Int32]?, nil as [Float]?),
            (DensityPotentialTests.marginals(classes: 3), [0, 1, 2, 1] as [Int32], nil),
            (DensityPotentialTests.marginals(context: true), nil, (0..<12).map { Float($0) * 0.1 - 0.5 }),
        ] {
            let potential = DensityPotential(marginals: m, weight: 1, bandwidth: 0.5)
            let queries: [Float] = [0.1, 0.2, 1.1, -0.3, -0.7, 0.9, 2.0, 1.5]
            var gradient = [Float](repeating: 0, count: 8)
            _ = gradient.withUnsafeMutableBufferPointer {
                potential.evaluate(queries, count: 4, classes: classes, conditions: conditions, gradient: $0.baseAddress)
            }
            for k in 0..<8 {
                var plus = queries, minus = queries
                plus[k] += 1e-2; minus[k] -= 1e-2
                let numeric = (Double(potential.evaluate(plus, count: 4, classes: classes, conditions: conditions)[k / 2])
                    - Double(potential.evaluate(minus, count: 4, classes: classes, conditions: conditions)[k / 2])) / 2e-2
                #expect(abs(numeric - Double(gradient[k])) < 2e-2 * max(1, abs(numeric)), "component \(k): \(numeric) vs \(gradient[k])")
            }
        }
    }

    @Test func eachClassSeesOnlyItsOwnSamples() {
        let m = DensityPotentialTests.marginals(classes: 2)
        let potential = DensityPotential(marginals: m, weight: 1, bandwidth: 0.4)
        let q: [Float] = [0.3, -0.2, 0.3, -0.2]
        let values = potential.evaluate(q, count: 2, classes: [0, 1])
        #expect(abs(Double(values[0]) - DensityPotentialTests.naiveLogDensity(m, [0.3, -0.2], h: 0.4, classIndex: 0)) < 1e-3)
        #expect(abs(Double(values[1]) - DensityPotentialTests.naiveLogDensity(m, [0.3, -0.2], h: 0.4, classIndex: 1)) < 1e-3)
        #expect(values[0] != values[1])
    }

    @Test func continuousConditionsAreNadarayaWatson() {
        let m = DensityPotentialTests.marginals(context: true)
        let potential = DensityPotential(marginals: m, weight: 1, bandwidth: 0.5, conditionBandwidth: 0.8)
        let condition: [Float] = [0.2, -0.1, 0.4]
        let value = potential.evaluate([0.5, 0.4], count: 1, conditions: condition)[0]
        let expected = DensityPotentialTests.naiveLogDensity(m, [0.5, 0.4], h: 0.5, condition: condition.map(Double.init), hc: 0.8)
        #expect(abs(Double(value) - expected) < 1e-3)
    }

    /// Queries arrive in runs that share a condition (the points of one path), and the
    /// condition part is reused within a run: a batch must give, bit for bit, what each
    /// query gives alone, including where the condition changes and changes back.
    @Test func conditionRunsGiveWhatEachQueryGivesAlone() {
        let m = DensityPotentialTests.marginals(context: true)
        let potential = DensityPotential(marginals: m, weight: 1, bandwidth: 0.5, conditionBandwidth: 0.8)
        let runs: [[Float]] = [[0.2, -0.1, 0.4], [0.2, -0.1, 0.4], [1.5, 0.3, -0.7], [0.2, -0.1, 0.4], [-0.9, 0.0, 0.6]]
        var queries: [Float] = [], conditions: [Float] = []
        for (r, condition) in runs.enumerated() {
            for p in 0..<3 {
                queries += [Float(p) * 0.3 - 0.2, Float(r) * 0.2 - 0.5]
                conditions += condition
            }
        }
        let count = queries.count / 2
        var gradient = [Float](repeating: .nan, count: count * 2)
        let values = gradient.withUnsafeMutableBufferPointer {
            potential.evaluate(queries, count: count, conditions: conditions, gradient: $0.baseAddress)
        }
        for i in 0..<count {
            var alone = [Float](repeating: .nan, count: 2)
            let value = alone.withUnsafeMutableBufferPointer {
                potential.evaluate(Array(queries[(2 * i)..<(2 * i + 2)]), count: 1,
                                   conditions: Array(conditions[(3 * i)..<(3 * i + 3)]), gradient: $0.baseAddress)[0]
            }
            #expect(values[i] == value, "query \(i)")
            #expect(Array(gradient[(2 * i)..<(2 * i + 2)]) == alone, "gradient of query \(i)")
            let expected = DensityPotentialTests.naiveLogDensity(m, queries[(2 * i)..<(2 * i + 2)].map(Double.init), h: 0.5,
                                                                 condition: conditions[(3 * i)..<(3 * i + 3)].map(Double.init), hc: 0.8)
            #expect(abs(Double(values[i]) - expected) < 1e-3, "query \(i) against the formula")
        }
    }

    /// Blocks of eight samples whose weights all underflow are skipped, not summed: the sums
    /// must still be the textbook log-sum-exp and weighted mean, whichever blocks are far (the
    /// first, a middle one, lanes mixed within a block), and a query after another must not see
    /// the weights the first one left behind.
    @Test func blocksFarFromTheQueryAreSkippedExactly() {
        // Three blocks of eight and a padded fourth: far, near, half near and half far, then 2 near.
        var points: [Float] = []
        for i in 0..<26 {
            let far = i < 8 || (i >= 16 && i < 24 && i % 2 == 0)
            points += [Float(i % 5) * 0.3 + (far ? 40 : 0), Float(i % 3) * 0.2 - (far ? 25 : 0)]
        }
        let table = KernelTable(points: points, conditions: [], count: 26, dimension: 2, conditionWidth: 0)
        var scratch = KernelTable.Scratch(table)
        for query in [[Float(0.4), 0.1], [40.2, -24.9], [0.4, 0.1], [20, -12]] {
            var mean = [0.0, 0.0]
            let sums = table.sums(query, scratch: &scratch, wantsMean: true, weightedMean: &mean)
            let exponents = (0..<26).map { i in
                -0.5 * (0..<2).map { k in pow(Double(query[k]) - Double(points[2 * i + k]), 2) }.reduce(0, +)
            }
            let top = exponents.max() ?? 0
            let weights = exponents.map { exp($0 - top) }
            let total = weights.reduce(0, +)
            #expect(abs(sums.logSum - (top + log(total))) < 1e-4 * max(1, abs(top)), "log-sum at \(query)")
            for k in 0..<2 {
                let expected = zip(weights, 0..<26).map { $0 * Double(points[2 * $1 + k]) }.reduce(0, +) / total
                #expect(abs(mean[k] - expected) < 1e-4 * max(1, abs(expected)), "weighted mean \(k) at \(query)")
            }
        }
    }

    @Test func farFromDataThePotentialBottomsOutAtEpsilon() {
        let potential = DensityPotential(marginals: DensityPotentialTests.marginals(), weight: 1, bandwidth: 0.2)
        let value = potential.evaluate([100, 100], count: 1)[0]
        #expect(abs(Double(value) - log(DensityPotential.epsilon)) < 1e-3)
    }

    @Test func scottsRuleShrinksWithMoreSamples() {
        let few = DensityPotential.scottBandwidth(DensityPotentialTests.marginals(count: 20))
        let many = DensityPotential.scottBandwidth(DensityPotentialTests.marginals(count: 2000))
        #expect(few > many && many > 0)
    }
}
