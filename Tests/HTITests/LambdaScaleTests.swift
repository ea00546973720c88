import Foundation
import PropertyBased
import Testing
@testable import HTI

@Suite struct LambdaScaleTests {
    /// Φ⁻¹ against published values (to 15 digits), in the centre and both tails.
    @Test func theNormalQuantileMatchesTabulatedValues() {
        let table: [(Double, Double)] = [(0.5, 0), (0.975, 1.959963984540054), (0.01, -2.326347874040841),
                                         (0.99, 2.326347874040841), (0.25, -0.6744897501960817), (1e-10, -6.361340902404056)]
        for (p, expected) in table {
            #expect(abs(StandardNormal.quantile(p) - expected) < 1e-12 * max(1, abs(expected)), "Φ⁻¹(\(p))")
        }
    }

    /// At the very ends of (0, 1) Φ⁻¹ stays finite and ordered, so no anchor λ reads as NaN.
    @Test func theNormalQuantileIsFiniteAndOrderedAtTheExtremes() {
        let tiny = [Double.leastNonzeroMagnitude, 1e-320, 1e-300, 1e-200, 1e-100]
        let values = tiny.map(StandardNormal.quantile) + tiny.reversed().map { -StandardNormal.quantile($0) }
        #expect(values.allSatisfy { $0.isFinite })
        #expect(zip(values.prefix(tiny.count), values.prefix(tiny.count).dropFirst()).allSatisfy { $0 < $1 })
        #expect(LambdaScale.probit.position(of: 1 - 1e-16).map { $0 > 8 } == true)
    }

    /// Φ(Φ⁻¹(p)) = p across (0, 1), the tails included.
    @Test func theNormalQuantileInvertsTheCDF() async {
        await propertyCheck(count: 500, input: Gen<Double>.double(in: -12...0)) { exponent in
            let p = pow(10, exponent) * 0.999_999
            for q in [p, 1 - p] where q > 0 && q < 1 {
                let x = StandardNormal.quantile(q)
                let back = 0.5 * erfc(-x / 2.0.squareRoot())
                #expect(abs(back - q) <= 1e-12 * min(q, 1 - q) + 1e-16, "p = \(q), x = \(x)")
            }
        }
    }

    /// Every scale reads 0 at the first anchor and 1 at the second, and moves monotonically between.
    @Test func fractionsRunFromZeroToOneMonotonically() async {
        await propertyCheck(count: 200, input: Gen<Double>.double(in: 0.001...0.998), Gen<Double>.double(in: 0.0001...0.5)) { from, width in
            let to = min(from + width, 0.9999)
            guard to > from else { return }
            for scale in LambdaScale.allCases {
                #expect(abs(scale.fraction(of: from, from: from, to: to)) < 1e-9)
                #expect(abs(scale.fraction(of: to, from: from, to: to) - 1) < 1e-9)
                let grid = (0...20).map { from + (to - from) * Double($0) / 20 }
                let fractions = grid.map { scale.fraction(of: $0, from: from, to: to) }
                #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 }, "\(scale)")
            }
        }
    }

    @Test func eachScaleReadsTheFractionOfItsOwnTransform() {
        #expect(abs(LambdaScale.linear.fraction(of: 0.25, from: 0.01, to: 0.99) - 0.24 / 0.98) < 1e-12)
        #expect(abs(LambdaScale.log.fraction(of: 1e-3, from: 1e-4, to: 1e-2) - 0.5) < 1e-12)
        #expect(abs(LambdaScale.logit.fraction(of: 0.5, from: 0.1, to: 0.9) - 0.5) < 1e-12)
        // Quantile levels: τ = .25 lies 35.5% of the way from τ = .01 to .99 in Φ⁻¹(τ), not 24.5%.
        let probit = LambdaScale.probit.fraction(of: 0.25, from: 0.01, to: 0.99)
        #expect(abs(probit - (2.326347874040841 - 0.6744897501960817) / (2 * 2.326347874040841)) < 1e-12)
    }

    @Test func aScaleUndefinedAtAnAnchorIsRefusedNamingTheAnchor() throws {
        #expect(throws: Never.self) { try LambdaScale.linear.requireDefined(at: [-3, 0, 1]) }
        #expect(throws: Never.self) { try LambdaScale.probit.requireDefined(at: [0.01, 0.99]) }
        for (scale, lambdas) in [(LambdaScale.log, [0.0, 1]), (.probit, [0.01, 1]), (.logit, [-0.5, 0.5])] {
            do { try scale.requireDefined(at: lambdas); Issue.record("\(scale) accepted \(lambdas)") } catch let error as FitError {
                #expect(error.description.contains("scale=\(scale.rawValue)") && error.description.contains(scale.domain), "\(error)")
            }
        }
        // The trainer refuses before fitting: moons' dropout p = 0 has no logit.
        var settings = TrainerTests.quick(steps: 1)
        settings.lambdaScale = .logit
        #expect(throws: FitError.self) { try Trainer(marginals: TrainerTests.gaussians(), settings: settings).fit() }
    }

    /// The scale moves where between anchors a path is read, not the paths: a model read on
    /// probit at τ gives what the same model read linearly gives at the λ of the same fraction.
    @Test func aModelOnAScaleReadsItsPathsAtThatScalesFraction() throws {
        var data = TrainerTests.gaussians()
        data.anchors[0].lambda = 0.01
        data.anchors[1].lambda = 0.99
        let linear = try Trainer(marginals: data, settings: TrainerTests.quick(steps: 2)).fit()
        let probit = try linear.reading(on: .probit)
        #expect(probit.settings.scale == .probit && linear.settings.scale == .linear)
        for tau in [0.1, 0.25, 0.75] {
            let equivalent = 0.01 + 0.98 * LambdaScale.probit.fraction(of: tau, from: 0.01, to: 0.99)
            let a = try probit.sample(at: [tau]).anchors[0].outputs, b = try linear.sample(at: [equivalent]).anchors[0].outputs
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-4 }, "τ = \(tau)")
            #expect(a != (try linear.sample(at: [tau]).anchors[0].outputs))
        }
        // The gaussians' first anchor is λ = 0, which has no logarithm.
        let atZero = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(steps: 1)).fit()
        #expect(throws: FitError.self) { try atZero.reading(on: .log) }
    }

    /// The scale is kept in the model file; files written before scales existed read as linear,
    /// and a file whose scale is undefined at one of its anchors is refused.
    @Test func theScaleTravelsInTheModelFileAndOldFilesReadAsLinear() throws {
        var data = TrainerTests.gaussians()
        data.anchors[0].lambda = 0.01
        data.anchors[1].lambda = 0.99
        var settings = TrainerTests.quick(steps: 1)
        settings.lambdaScale = .probit
        let model = try Trainer(marginals: data, settings: settings).fit()
        let loaded = try HTIModel(file: try ModelFile.decode(try model.modelFile().encoded(), source: "m"), source: "m")
        #expect(loaded.settings.scale == .probit)
        #expect(try loaded.sample(at: [0.3]) == model.sample(at: [0.3]))

        var old = try model.modelFile()
        old.header.settings.lambdaScale = nil
        #expect(try HTIModel(file: old, source: "old").settings.scale == .linear)

        var crafted = try model.modelFile()
        crafted.header.settings.lambdaScale = .log
        crafted.header.lambdas = [-1, 0.99]
        do { _ = try HTIModel(file: crafted, source: "crafted.htimodel"); Issue.record("loaded") } catch let error as ModelFileError {
            #expect(error.description.contains("scale=log"), "\(error)")
        }
    }

    /// The straight-line baselines move at constant speed on the scale they are given.
    @Test func straightLinesFollowTheScale() throws {
        var data = TrainerTests.gaussians()
        data.anchors[0].lambda = 0.01
        data.anchors[1].lambda = 0.99
        let lines = StraightLineInterpolation(marginals: data)
        let probit = try lines.sample(at: [0.25], scale: .probit).anchors[0].outputs
        let equivalent = 0.01 + 0.98 * LambdaScale.probit.fraction(of: 0.25, from: 0.01, to: 0.99)
        let linear = try lines.sample(at: [equivalent]).anchors[0].outputs
        #expect(zip(probit, linear).allSatisfy { abs($0 - $1) < 1e-5 })
    }
}
