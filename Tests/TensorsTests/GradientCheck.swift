import Foundation
import Testing
@testable import Tensors

/// Gradient checking against a Double reference. For the scalar probe
/// `L = Σ w ⊙ f(x)` with fixed random weights `w`, the tape's Float32 gradient
/// (seeded with `w`) is compared with central differences of the same probe
/// computed entirely in Double from an independent ``Reference`` forward — so
/// the numeric side carries no Float32 rounding and the tolerances can be tight.
enum GradientCheck {
    /// How far apart two numbers may be: `|a − b| ≤ absolute + relative · max(|a|, |b|)`.
    struct Tolerance {
        var relative: Double
        var absolute: Double

        func accepts(_ a: Double, _ b: Double) -> Bool {
            Swift.abs(a - b) <= absolute + relative * max(Swift.abs(a), Swift.abs(b))
        }

        /// Float32 forward against Double. Float32 rounds at 6e-8 per operation; the deepest
        /// chains here (MLPs, distances from |x|² + |y|² − 2x·y) reach ~4e-6 relative, and the
        /// absolute part covers outputs that cancel to ~0. The worst case in these tests uses
        /// a tenth of this allowance.
        static let value = Tolerance(relative: 1e-5, absolute: 1e-6)
        /// Float32 tape gradient against Double differences. The numeric side is good to ~1e-9
        /// (see ``relativeStep``), so the allowance is for the tape's Float32 rounding alone:
        /// up to ~7e-6 relative (MLP parameters, KDE with h = 0.3) and ~1e-7 absolute on entries
        /// that cancel to ~0 from O(1) terms. The worst case uses 7% of this allowance; 1e-3 and
        /// 1e-5 (the usual starting point) would hide errors a hundred times larger than rounding.
        static let gradient = Tolerance(relative: 1e-4, absolute: 1e-6)
    }

    /// Central-difference step relative to the input's size: the truncation error
    /// O(h²) is ~1e-12 and the Double rounding error O(ε/h) ~1e-10 times the probe's size.
    static let relativeStep = 1e-6

    /// Checks `taped` at `xs` against its Double `reference`: the forward value,
    /// then the gradient with respect to every input. `name` labels failures when
    /// one call site checks several ops; `inputNames` names the inputs in them.
    static func againstDouble(_ xs: [Tensor], key: RandomKey, name: String = "", inputNames: [String] = [],
                              value: Tolerance = .value, gradient: Tolerance = .gradient,
                              sourceLocation: SourceLocation = #_sourceLocation,
                              taped: ([Variable]) throws -> Variable,
                              reference: ([Reference]) throws -> Reference) throws {
        let tape = Tape()
        let variables = xs.map { tape.variable($0) }
        let out = try taped(variables)
        let expected = try reference(xs.map(Reference.init))
        let label = name.isEmpty ? "" : "\(name): "
        #expect(out.shape == expected.shape, "\(label)forward shape", sourceLocation: sourceLocation)
        guard out.shape == expected.shape else { return }
        for (i, (float, double)) in zip(out.value.scalars, expected.values).enumerated()
        where !value.accepts(Double(float), double) {
            Issue.record("\(label)forward element \(i) of \(out.shape): Float32 \(float) vs Double \(double)", sourceLocation: sourceLocation)
            return
        }

        let w = key.fold(in: "probe").uniform(out.shape, low: -1, high: 1)
        let weights = Reference(w)
        func probe(_ inputs: [Reference]) throws -> Double {
            zip(try reference(inputs).values, weights.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let analytic = try tape.gradients(of: out, wrt: variables, seed: w)
        let point = xs.map(Reference.init)
        for (i, x) in point.enumerated() {
            let input = i < inputNames.count ? inputNames[i] : "input \(i)"
            #expect(analytic[i].shape == x.shape, "\(label)gradient shape of \(input)", sourceLocation: sourceLocation)
            for j in 0..<x.count {
                var plus = point, minus = point
                let step = relativeStep * max(1, Swift.abs(x.values[j]))
                plus[i].values[j] += step
                minus[i].values[j] -= step
                let numeric = (try probe(plus) - probe(minus)) / (plus[i].values[j] - minus[i].values[j])
                let tapeValue = Double(analytic[i].scalars[j])
                if !gradient.accepts(tapeValue, numeric) {
                    Issue.record("\(label)\(input) element \(j) of \(x.shape): tape \(tapeValue) vs Double differences \(numeric)",
                                 sourceLocation: sourceLocation)
                    return  // one report per check; the rest of the tensor usually fails alike
                }
            }
        }
    }

    /// Checks a layer against its Double `reference`, with respect to its parameters
    /// (in `parameters.names` order) and then its inputs.
    static func layerAgainstDouble(_ parameters: Parameters, inputs: [Tensor], key: RandomKey,
                                   value: Tolerance = .value, gradient: Tolerance = .gradient,
                                   sourceLocation: SourceLocation = #_sourceLocation,
                                   taped: (BoundParameters, [Variable]) throws -> Variable,
                                   reference: (ReferenceParameters, [Reference]) throws -> Reference) throws {
        let names = parameters.names
        let all = try names.map { try parameters.tensor($0) } + inputs
        let inputNames = names + inputs.indices.map { "input \($0)" }
        try againstDouble(all, key: key, inputNames: inputNames, value: value, gradient: gradient, sourceLocation: sourceLocation) { vs in
            let bound = BoundParameters(names: names, variables: Dictionary(uniqueKeysWithValues: zip(names, vs.prefix(names.count))))
            return try taped(bound, Array(vs.dropFirst(names.count)))
        } reference: { rs in
            let bound = ReferenceParameters(values: Dictionary(uniqueKeysWithValues: zip(names, rs.prefix(names.count))))
            return try reference(bound, Array(rs.dropFirst(names.count)))
        }
    }

    /// Random inputs of `shapes`, uniform in `range` but kept at least `margin`
    /// from each `kinks` point (non-differentiable points of ReLU, clip, …).
    static func inputs(_ shapes: [[Int]], key: RandomKey, range: ClosedRange<Float> = -1.5...1.5,
                       kinks: [Float] = [], margin: Float = 0.1) -> [Tensor] {
        shapes.enumerated().map { (i, s) in
            var t = key.fold(in: UInt64(i)).uniform(s, low: range.lowerBound, high: range.upperBound)
            for j in 0..<t.count {
                for k in kinks where Swift.abs(t.scalars[j] - k) < margin { t.scalars[j] = k + (t.scalars[j] >= k ? margin : -margin) }
            }
            return t
        }
    }

    /// A random shape with `rank` axes of extent 1...`maxExtent`.
    static func shape(_ rank: Int, key: RandomKey, maxExtent: Int = 4) -> [Int] {
        key.integers(rank, below: maxExtent).map { $0 + 1 }
    }

    /// Two random shapes that broadcast together (rank ≤ 3): one full shape, and a
    /// copy that drops some leading axes and has some of the rest set to 1, in random order.
    static func broadcastPair(key: RandomKey) -> [[Int]] {
        func draw(_ name: String, below bound: Int) -> Int { key.fold(in: name).integers(1, below: bound)[0] }
        let full = shape(draw("rank", below: 3) + 1, key: key.fold(in: "full"))
        let kept = full.dropFirst(draw("dropped", below: full.count + 1))
        let partial = zip(kept, key.fold(in: "ones").integers(kept.count, below: 2)).map { $1 == 0 ? 1 : $0 }
        return draw("order", below: 2) == 0 ? [full, partial] : [partial, full]
    }
}
