import Foundation
import Testing
@testable import Tensors

@Suite("Products, reductions, indexing, shapes: finite-difference gradients")
struct StructuralGradientTests {
    let key = RandomKey(seed: 11)

    @Test("matmul with transpose flags and rank-3 left operand", arguments: 0..<2)
    func matmulGrad(trial: Int) throws {
        let k = key.fold(in: UInt64(trial))
        let d = GradientCheck.shape(3, key: k)
        let (m, kk, n) = (d[0], d[1], d[2])
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let xs = GradientCheck.inputs([ta ? [kk, m] : [m, kk], tb ? [n, kk] : [kk, n]], key: k)
            try GradientCheck.check(xs, key: k) { v in try matmul(v[0], v[1], transposeA: ta, transposeB: tb) }
        }
        let xs = GradientCheck.inputs([[2, m, kk], [kk, n]], key: k)
        try GradientCheck.check(xs, key: k) { v in try matmul(v[0], v[1]) }
        let ls = GradientCheck.inputs([[m, kk], [kk, n], [n]], key: k)
        try GradientCheck.check(ls, key: k) { v in try linear(v[0], v[1], v[2]) }
        try GradientCheck.check(Array(ls.prefix(2)), key: k) { v in try linear(v[0], v[1], nil) }
    }

    @Test("matmul forward matches the definition")
    func matmulForward() throws {
        let a = try Tensor([[1, 2, 3], [4, 5, 6]]), b = try Tensor([[1, 0], [0, 1], [1, 1]])
        #expect(try matmul(Variable(a), Variable(b)).value.scalars == [4, 5, 10, 11])
        #expect(try matmul(Variable(a), Variable(a), transposeB: true).value.scalars == [14, 32, 32, 77])
    }

    @Test("sum, mean, logSumExp, softmax over axes", arguments: 0..<3)
    func reductions(trial: Int) throws {
        let k = key.fold(in: "red\(trial)")
        let rank = trial + 1
        let s = GradientCheck.shape(rank, key: k)
        let xs = GradientCheck.inputs([s], key: k, range: -2...2)
        try GradientCheck.check(xs, key: k) { v in sum(v[0]) }
        try GradientCheck.check(xs, key: k) { v in mean(v[0]) }
        for axis in 0..<rank {
            try GradientCheck.check(xs, key: k) { v in try sum(v[0], axes: [axis]) }
            try GradientCheck.check(xs, key: k) { v in try mean(v[0], axes: [axis], keepDims: true) }
            try GradientCheck.check(xs, key: k) { v in try logSumExp(v[0], axis: axis) }
            try GradientCheck.check(xs, key: k) { v in try softmax(v[0], axis: axis) }
            try GradientCheck.check(xs, key: k) { v in try logSoftmax(v[0], axis: axis) }
        }
        if rank == 3 { try GradientCheck.check(xs, key: k) { v in try sum(v[0], axes: [0, 2]) } }
    }

    @Test("logSumExp is stable and exact")
    func logSumExpValues() throws {
        let x = Variable(try Tensor([[1000, 1000], [-1000, -1000]]))
        let l = try logSumExp(x, axis: 1).value.scalars
        #expect(Swift.abs(l[0] - (1000 + Float(0.693147))) < 1e-3)
        #expect(Swift.abs(l[1] - (-1000 + Float(0.693147))) < 1e-3)
        let s = try softmax(Variable(Tensor([0, Float(2).squareRoot()])))
        #expect(Swift.abs(s.value.scalars.reduce(0, +) - 1) < 1e-6)
    }

    @Test("gather, concat, split, slice, reshape, transpose")
    func indexingAndShapes() throws {
        let k = key.fold(in: "idx")
        let table = GradientCheck.inputs([[4, 3]], key: k)
        try GradientCheck.check(table, key: k) { v in try gather(v[0], [2, 0, 2, 3]) }
        let xs = GradientCheck.inputs([[2, 3], [2, 1], [2, 2]], key: k)
        try GradientCheck.check(xs, key: k) { v in try concat(v, axis: 1) }
        let ys = GradientCheck.inputs([[2, 3, 2], [1, 3, 2]], key: k)
        try GradientCheck.check(ys, key: k) { v in try concat(v, axis: 0) }
        try GradientCheck.check([ys[0]], key: k) { v in try concat(split(v[0], sizes: [1, 2], axis: 1).reversed(), axis: 1) }
        try GradientCheck.check([ys[0]], key: k) { v in try slice(v[0], axis: 2, range: 1..<2) }
        try GradientCheck.check([ys[0]], key: k) { v in try reshape(v[0], [3, -1]) }
        for perm in [[0, 2, 1], [2, 0, 1], [1, 2, 0], [2, 1, 0]] {
            try GradientCheck.check([ys[0]], key: k) { v in try transpose(v[0], perm) }
        }
        try GradientCheck.check([xs[0]], key: k) { v in try transpose(v[0]) }
        let t = try transpose(Variable(Tensor([[1, 2, 3], [4, 5, 6]]))).value
        #expect(t.shape == [3, 2] && t.scalars == [1, 4, 2, 5, 3, 6])
        #expect(try gather(Variable(Tensor([[1, 2], [3, 4]])), [1, 1]).value.scalars == [3, 4, 3, 4])
        #expect(try Tensor.oneHot([2, 0], depth: 3).scalars == [0, 0, 1, 1, 0, 0])
    }

    @Test("pairwise squared distances and mean squared error")
    func distances() throws {
        let k = key.fold(in: "dist")
        let s = GradientCheck.shape(3, key: k)
        let xs = GradientCheck.inputs([[s[0], s[2]], [s[1], s[2]]], key: k)
        try GradientCheck.check(xs, key: k) { v in try pairwiseSquaredDistances(v[0], v[1]) }
        let d = try pairwiseSquaredDistances(Variable(Tensor([[0, 0], [3, 4]])), Variable(Tensor([[0, 0]]))).value
        #expect(d.scalars == [0, 25])
        let ps = GradientCheck.inputs([[3, 2], [3, 2]], key: k)
        try GradientCheck.check(ps, key: k) { v in try meanSquaredError(v[0], v[1]) }
    }

    @Test("chunked KDE log-density matches the dense formula and differentiates")
    func kde() throws {
        let k = key.fold(in: "kde")
        let data = k.fold(in: 1).normal([50, 2])
        let q = k.fold(in: 2).normal([7, 2])
        let h: Float = 0.6
        let chunked = try gaussianKDELogDensity(Variable(q), data: data, bandwidth: h, chunkSize: 3).value
        let dense = try logSumExp(pairwiseSquaredDistances(Variable(q), Variable(data)) * (-1 / (2 * h * h)), axis: 1).value
        let c = -Float(Foundation.log(50.0)) - Float(Foundation.log(Double(2 * Float.pi * h * h)))
        for i in 0..<7 { #expect(Swift.abs(chunked.scalars[i] - (dense.scalars[i] + c)) < 1e-4) }
        try GradientCheck.check([q], key: k, rtol: 2e-2, atol: 5e-3) { v in
            try gaussianKDELogDensity(v[0], data: data, bandwidth: h, chunkSize: 3)
        }
    }

    @Test("cubic spline basis interpolates and differentiates")
    func spline() throws {
        let basis = try CubicSplineBasis(knots: [0, 0.3, 0.5, 1], points: (0..<20).map { Double($0) / 19 })
        // Natural cubic splines reproduce linear functions exactly, with exact slope.
        let knotValues = Variable(try Tensor([[1, 1.6, 2, 3]]))  // 1 + 2t
        let v = try evaluateSpline(knotValues, basis: basis.values).value
        let dv = try evaluateSpline(knotValues, basis: basis.derivatives).value
        for p in 0..<20 {
            #expect(Swift.abs(v.scalars[p] - Float(1 + 2 * basis.points[p])) < 1e-5)
            #expect(Swift.abs(dv.scalars[p] - 2) < 1e-4)
        }
        let atKnots = try CubicSplineBasis(knots: [0, 0.3, 0.5, 1], points: [0, 0.3, 0.5, 1])
        let y = try Tensor([[0.2, -1, 0.5, 2]])
        #expect(zip(try evaluateSpline(Variable(y), basis: atKnots.values).value.scalars, y.scalars)
            .allSatisfy { Swift.abs($0 - $1) < 1e-5 })
        let k = key.fold(in: "spline")
        let xs = GradientCheck.inputs([[3, 4, 2]], key: k)
        try GradientCheck.check(xs, key: k) { v in try evaluateSpline(v[0], basis: basis.values) }
        try GradientCheck.check([xs[0].reshapedUnchecked([6, 4])], key: k) { v in try evaluateSpline(v[0], basis: basis.derivatives) }
    }
}

extension Tensor {
    func reshapedUnchecked(_ s: [Int]) -> Tensor { try! reshaped(s) }
}
