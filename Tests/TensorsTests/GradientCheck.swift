import Testing
@testable import Tensors

/// Finite-difference gradient checking: the scalar probe `L = Σ w ⊙ f(x)` with
/// fixed random weights `w` is evaluated in Double from the Float32 outputs, and
/// central differences are compared with the tape's gradient (seeded with `w`).
enum GradientCheck {
    static let h = 1e-2

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

    static func probe(_ out: Tensor, _ w: Tensor) -> Double {
        var s = 0.0
        for i in 0..<out.count { s += Double(out.scalars[i]) * Double(w.scalars[i]) }
        return s
    }

    /// Checks the gradients of `f` with respect to every input tensor.
    static func check(_ xs: [Tensor], key: RandomKey, rtol: Double = 2e-2, atol: Double = 2e-3,
                      sourceLocation: SourceLocation = #_sourceLocation,
                      _ f: ([Variable]) throws -> Variable) throws {
        let tape = Tape()
        let vars = xs.map { tape.variable($0) }
        let out = try f(vars)
        let w = key.fold(in: "probe").uniform(out.shape, low: -1, high: 1)
        let grads = try tape.gradients(of: out, wrt: vars, seed: w)
        for (i, x) in xs.enumerated() {
            #expect(grads[i].shape == x.shape, sourceLocation: sourceLocation)
            for j in 0..<x.count {
                var xp = xs, xm = xs
                xp[i].scalars[j] += Float(h); xm[i].scalars[j] -= Float(h)
                let hp = Double(xp[i].scalars[j]) - Double(x.scalars[j]), hm = Double(x.scalars[j]) - Double(xm[i].scalars[j])
                let fp = probe(try f(xp.map { Variable($0) }).value, w)
                let fm = probe(try f(xm.map { Variable($0) }).value, w)
                let numeric = (fp - fm) / (hp + hm)
                let analytic = Double(grads[i].scalars[j])
                let ok = Swift.abs(numeric - analytic) <= atol + rtol * max(Swift.abs(numeric), Swift.abs(analytic))
                #expect(ok, "input \(i) element \(j) of \(x.shape): analytic \(analytic) vs numeric \(numeric)",
                        sourceLocation: sourceLocation)
                if !ok { return }
            }
        }
    }

    /// Checks gradients of a layer's output with respect to its parameters and inputs.
    static func checkLayer(_ params: Parameters, inputs: [Tensor], key: RandomKey, rtol: Double = 2e-2, atol: Double = 2e-3,
                           sourceLocation: SourceLocation = #_sourceLocation,
                           _ f: (BoundParameters, [Variable]) throws -> Variable) throws {
        let names = params.names
        let all = names.map { params[$0]! } + inputs
        try check(all, key: key, rtol: rtol, atol: atol, sourceLocation: sourceLocation) { vs in
            let bound = BoundParameters(names: names, variables: Dictionary(uniqueKeysWithValues: zip(names, vs.prefix(names.count))))
            return try f(bound, Array(vs.dropFirst(names.count)))
        }
    }

    /// A random shape with `rank` axes of extent 1...`maxExtent`.
    static func shape(_ rank: Int, key: RandomKey, maxExtent: Int = 4) -> [Int] {
        key.integers(rank, below: maxExtent).map { $0 + 1 }
    }
}
