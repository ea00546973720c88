import Foundation
import Testing
@testable import Tensors

@Suite("Optimisers: Adam/AdamW by hand, L-BFGS on Rosenbrock and batched quadratics")
struct OptimizerTests {
    /// Reference Adam(W) step in Double, written out from the update rule.
    func reference(_ p0: [Double], _ grads: [[Double]], lr: Double, wd: Double, maxNorm: Double?) -> [Double] {
        var p = p0, m = [Double](repeating: 0, count: p0.count), v = m
        let (b1, b2, eps) = (0.9, 0.999, 1e-8)
        for (t, g0) in grads.enumerated() {
            var g = g0
            let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if let maxNorm, norm > maxNorm { g = g.map { $0 * maxNorm / norm } }
            for i in 0..<p.count {
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                let mh = m[i] / (1 - pow(b1, Double(t + 1))), vh = v[i] / (1 - pow(b2, Double(t + 1)))
                p[i] -= lr * (mh / (vh.squareRoot() + eps) + wd * p[i])
            }
        }
        return p
    }

    @Test("AdamW and Adam steps match hand-computed values")
    func adamSteps() throws {
        let p0: [Double] = [1, -2, 0.5]
        let gs: [[Double]] = [[0.5, 0.1, -3], [-0.2, 0.4, 1], [0.3, 0, -0.5]]
        func run(_ opt: inout AdamW) throws -> [Float] {
            var params = Parameters([("w", Tensor(p0.map(Float.init)))])
            for g in gs { try opt.update(&params, gradients: Parameters([("w", Tensor(g.map(Float.init)))])) }
            return params["w"]!.scalars
        }
        var adamw = AdamW(learningRate: 0.1, weightDecay: 0.01)
        let got = try run(&adamw)
        let want = reference(p0, gs, lr: 0.1, wd: 0.01, maxNorm: nil)
        for (a, b) in zip(got, want) { #expect(Swift.abs(Double(a) - b) < 1e-5) }
        // First step by hand: m̂ = g, v̂ = g², so p₁ = p₀ − lr·(sign g + λp₀).
        var one = AdamW(learningRate: 0.1, weightDecay: 0.01)
        var params = Parameters([("w", Tensor([1, -2]))])
        try one.update(&params, gradients: Parameters([("w", Tensor([0.5, 0.1]))]))
        #expect(Swift.abs(params["w"]!.scalars[0] - (1 - 0.1 * (1 + 0.01))) < 1e-6)
        #expect(Swift.abs(params["w"]!.scalars[1] - (-2 - 0.1 * (1 - 0.02))) < 1e-6)

        var clipped = AdamW(learningRate: 0.1, weightDecay: 0.01, maxGradientNorm: 1)
        let gotClipped = try run(&clipped)
        for (a, b) in zip(gotClipped, reference(p0, gs, lr: 0.1, wd: 0.01, maxNorm: 1)) { #expect(Swift.abs(Double(a) - b) < 1e-5) }
        #expect(Swift.abs(clipped.lastGradientNorm - 0.5830951894845301) < 1e-6)

        var adam = Adam(learningRate: 0.05)
        var ap = Parameters([("w", Tensor(p0.map(Float.init)))])
        for g in gs { try adam.update(&ap, gradients: Parameters([("w", Tensor(g.map(Float.init)))])) }
        for (a, b) in zip(ap["w"]!.scalars, reference(p0, gs, lr: 0.05, wd: 0, maxNorm: nil)) { #expect(Swift.abs(Double(a) - b) < 1e-5) }
    }

    @Test("AdamW rejects mismatched gradients with a clear message")
    func adamErrors() throws {
        var opt = AdamW()
        var p = Parameters([("w", Tensor.zeros([2, 3]))])
        #expect(throws: TensorError.missingParameter(name: "w")) { try opt.update(&p, gradients: Parameters()) }
        let e = #expect(throws: TensorError.self) { try opt.update(&p, gradients: Parameters([("w", Tensor.zeros([3, 2]))])) }
        #expect(e?.description == "AdamW.update(w): incompatible shapes [2, 3] and [3, 2]")
    }

    static func rosenbrock(_ x: [Double]) -> (Double, [Double]) {
        var f = 0.0, g = [Double](repeating: 0, count: x.count)
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] += -400 * x[i] * a - 2 * b
            g[i + 1] += 200 * a
        }
        return (f, g)
    }

    @Test("Batched L-BFGS solves 1000 independent quadratics at once")
    func batchedQuadratics() throws {
        let key = RandomKey(seed: 5)
        let B = 1000, n = 3
        let centres = key.fold(in: 1).normal([B, n], std: 2)
        let curv = key.fold(in: 2).uniform([B, n], low: 0.1, high: 10)
        // f_b(x) = Σ_k a_bk (x_bk − c_bk)² + ¼(x_b0 − c_b0)⁴ : non-quadratic coupling-free but ill-conditioned
        let r = try BatchedLBFGS(gradientTolerance: 1e-4).minimize(Tensor.zeros([B, n])) { x in
            let d = try x - Variable(centres)
            return try sum(Variable(curv) * square(d), axes: [1])
        }
        #expect(r.converged.allSatisfy { $0 })
        for i in 0..<(B * n) { #expect(Swift.abs(r.x.scalars[i] - centres.scalars[i]) < 1e-3) }
        #expect(r.iterations < 60, "iterations \(r.iterations)")

        // Independent 2-D Rosenbrocks with different shifts, raw closure API.
        let shifts = key.fold(in: 3).uniform([50], low: -0.5, high: 0.5)
        let rr = try BatchedLBFGS(maxIterations: 500, gradientTolerance: 1e-4).minimize(Tensor(shape: [50, 2], repeating: -1)) { x in
            var v = [Float](repeating: 0, count: 50), g = [Float](repeating: 0, count: 100)
            for b in 0..<50 {
                let (f, gr) = Self.rosenbrock([Double(x.scalars[2 * b] - shifts.scalars[b]), Double(x.scalars[2 * b + 1])])
                v[b] = Float(f); g[2 * b] = Float(gr[0]); g[2 * b + 1] = Float(gr[1])
            }
            return (Tensor(v), try Tensor(shape: [50, 2], scalars: g))
        }
        for b in 0..<50 {
            #expect(Swift.abs(rr.x.scalars[2 * b] - (1 + shifts.scalars[b])) < 1e-2)
            #expect(Swift.abs(rr.x.scalars[2 * b + 1] - 1) < 2e-2)
        }
    }
}
