import Foundation
import Tensors

/// The `hti bench core` suite: raw `sgemm` throughput and full MLP training
/// steps (forward, squared-error loss, backward, AdamW) against the time of
/// their matrix products alone.
public enum CoreBenchmark {
    /// An MLP training-step workload.
    public struct StepSpec: Sendable {
        /// Benchmark name.
        public var name: String
        /// Layer widths, input to output.
        public var widths: [Int]
        /// Hidden activation.
        public var activation: Activation
        /// Rows per batch.
        public var batch: Int
    }

    /// Metric network step: MLP 2→128→128→4, leaky ReLU, batch 1200.
    public static let metric = StepSpec(name: "metric_step", widths: [2, 128, 128, 4],
                                        activation: .leakyRelu(slope: 0.01), batch: 1200)
    /// Amortiser step: MLP 6→1024→1024→26, ReLU, batch 1200.
    public static let amortiser = StepSpec(name: "amortiser_step", widths: [6, 1024, 1024, 26],
                                           activation: .relu, batch: 1200)

    /// Runs every benchmark; each `seconds` is the median of `repetitions` timed
    /// runs after `warmup` untimed ones. Applies ``TensorRuntime/configureAllocator()`` first.
    public static func run(repetitions: Int = 20, warmup: Int = 3) throws -> [BenchmarkRecord] {
        TensorRuntime.configureAllocator()
        var out = [sgemm(size: 1024, repetitions: repetitions, warmup: warmup)]
        for spec in [metric, amortiser] {
            out.append(try step(spec, repetitions: repetitions, warmup: warmup))
            out.append(matmulsOnly(spec, repetitions: repetitions, warmup: warmup))
        }
        return out
    }

    /// Median seconds of `body` over `repetitions` runs after `warmup` runs.
    public static func median(repetitions: Int, warmup: Int, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<max(repetitions, 1) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }

    /// `C = A·B` for `size`³ Float32 matrices.
    public static func sgemm(size n: Int, repetitions: Int, warmup: Int) -> BenchmarkRecord {
        let key = RandomKey(seed: 0)
        let a = key.fold(in: 1).normal([n, n]), b = key.fold(in: 2).normal([n, n])
        var c = [Float](repeating: 0, count: n * n)
        let s = median(repetitions: repetitions, warmup: warmup) {
            a.scalars.withUnsafeBufferPointer { ap in b.scalars.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                BLAS.gemm(transA: false, transB: false, m: n, n: n, k: n, a: ap.baseAddress!, b: bp.baseAddress!,
                          beta: 0, c: cp.baseAddress!)
            } } }
        }
        return BenchmarkRecord(name: "sgemm", seconds: s, extra: [("gflops", 2 * pow(Double(n), 3) / s / 1e9), ("size", Double(n))])
    }

    /// One full training step of `spec`: forward, MSE loss, backward, AdamW update.
    public static func step(_ spec: StepSpec, repetitions: Int, warmup: Int) throws -> BenchmarkRecord {
        let key = RandomKey(seed: 1)
        let mlp = MLP("mlp", widths: spec.widths, activation: spec.activation)
        var params = mlp.initialParameters(key: key)
        var opt = AdamW(learningRate: 1e-4, weightDecay: 1e-4)
        let x = key.fold(in: "x").normal([spec.batch, spec.widths.first!])
        let y = key.fold(in: "y").normal([spec.batch, spec.widths.last!])
        let s = try median(repetitions: repetitions, warmup: warmup) {
            let tape = Tape()
            let p = tape.bind(params)
            let loss = try meanSquaredError(mlp(Variable(x), p), Variable(y))
            try opt.update(&params, gradients: tape.gradients(of: loss, wrt: p))
        }
        return BenchmarkRecord(name: spec.name, seconds: s, extra: [("batch", Double(spec.batch)), ("parameters", Double(params.scalarCount))])
    }

    /// Only the matrix products of one step of `spec` (3 forward, 3 weight-gradient,
    /// and input-gradient products for all but the first layer) on preallocated buffers.
    public static func matmulsOnly(_ spec: StepSpec, repetitions: Int, warmup: Int) -> BenchmarkRecord {
        let key = RandomKey(seed: 2)
        let w = spec.widths, m = spec.batch, L = w.count - 1
        let weights = (0..<L).map { key.fold(in: UInt64($0)).normal([w[$0], w[$0 + 1]]).scalars }
        var acts = (0...L).map { key.fold(in: UInt64(100 + $0)).normal([m, w[$0]]).scalars }
        var grads = (0...L).map { _ in [Float](repeating: 0, count: 0) }
        for i in 0...L { grads[i] = [Float](repeating: 0.01, count: m * w[i]) }
        var wgrads = (0..<L).map { [Float](repeating: 0, count: w[$0] * w[$0 + 1]) }
        let s = median(repetitions: repetitions, warmup: warmup) {
            for l in 0..<L {  // forward: act[l+1] = act[l]·W[l]
                let a = acts[l]
                acts[l + 1].withUnsafeMutableBufferPointer { cp in
                    BLAS.gemm(transA: false, transB: false, m: m, n: w[l + 1], k: w[l], a: a, b: weights[l], beta: 0, c: cp.baseAddress!)
                }
            }
            for l in stride(from: L - 1, through: 0, by: -1) {
                let a = acts[l], g = grads[l + 1]
                wgrads[l].withUnsafeMutableBufferPointer { cp in  // dW = actᵀ·g
                    BLAS.gemm(transA: true, transB: false, m: w[l], n: w[l + 1], k: m, a: a, b: g, beta: 0, c: cp.baseAddress!)
                }
                if l > 0 {
                    grads[l].withUnsafeMutableBufferPointer { cp in  // dX = g·Wᵀ
                        BLAS.gemm(transA: false, transB: true, m: m, n: w[l], k: w[l + 1], a: g, b: weights[l], beta: 0, c: cp.baseAddress!)
                    }
                }
            }
        }
        var flops = 0.0
        for l in 0..<L { flops += 2 * Double(m * w[l] * w[l + 1]) * (l > 0 ? 3 : 2) }
        return BenchmarkRecord(name: spec.name + "_matmuls_only", seconds: s, extra: [("gflops", flops / s / 1e9)])
    }
}
