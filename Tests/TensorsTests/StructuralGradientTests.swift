import Foundation
import Testing
@testable import Tensors

@Suite("Products, reductions, indexing, shapes: gradients against a Double reference")
struct StructuralGradientTests {
    let key = RandomKey(seed: 11)

    @Test("matmul with transpose flags and rank-3 left operand, linear", arguments: 0..<3)
    func matmulGrad(trial: Int) throws {
        let k = key.fold(in: UInt64(trial))
        let d = GradientCheck.shape(4, key: k)
        let (m, kk, n, batch) = (d[0], d[1], d[2], d[3])
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let xs = GradientCheck.inputs([ta ? [kk, m] : [m, kk], tb ? [n, kk] : [kk, n]], key: k)
            try GradientCheck.againstDouble(xs, key: k) { v in try matmul(v[0], v[1], transposeA: ta, transposeB: tb) }
                reference: { r in Reference.matmul(r[0], r[1], transposeA: ta, transposeB: tb) }
        }
        for tb in [false, true] {
            let xs = GradientCheck.inputs([[batch, m, kk], tb ? [n, kk] : [kk, n]], key: k)
            try GradientCheck.againstDouble(xs, key: k) { v in try matmul(v[0], v[1], transposeB: tb) }
                reference: { r in Reference.matmul(r[0], r[1], transposeB: tb) }
        }
        for x in [[m, kk], [batch, m, kk]] {
            let ls = GradientCheck.inputs([x, [kk, n], [n]], key: k)
            try GradientCheck.againstDouble(ls, key: k) { v in try linear(v[0], v[1], v[2]) }
                reference: { r in r[0].linear(r[1], r[2]) }
            try GradientCheck.againstDouble(Array(ls.prefix(2)), key: k) { v in try linear(v[0], v[1], nil) }
                reference: { r in r[0].linear(r[1], nil) }
        }
    }

    @Test("matmul forward matches the definition")
    func matmulForward() throws {
        let a = try Tensor([[1, 2, 3], [4, 5, 6]]), b = try Tensor([[1, 0], [0, 1], [1, 1]])
        #expect(try matmul(Variable(a), Variable(b)).value.scalars == [4, 5, 10, 11])
        #expect(try matmul(Variable(a), Variable(a), transposeB: true).value.scalars == [14, 32, 32, 77])
    }

    @Test("sum, mean, logSumExp, softmax over axes", arguments: 0..<4)
    func reductions(trial: Int) throws {
        let k = key.fold(in: "red\(trial)")
        let rank = trial % 3 + 1
        let s = GradientCheck.shape(rank, key: k)
        let xs = GradientCheck.inputs([s], key: k, range: -2...2)
        try GradientCheck.againstDouble(xs, key: k) { v in sum(v[0]) } reference: { r in r[0].sum() }
        try GradientCheck.againstDouble(xs, key: k) { v in mean(v[0]) } reference: { r in r[0].mean() }
        // Each axis counted from the front and from the end, with and without kept dimensions.
        for axis in Array(0..<rank) + [-1] {
            let keep = (axis + trial) % 2 == 0
            try GradientCheck.againstDouble(xs, key: k) { v in try sum(v[0], axes: [axis], keepDims: keep) }
                reference: { r in r[0].sum(axes: [axis], keepDims: keep) }
            try GradientCheck.againstDouble(xs, key: k) { v in try mean(v[0], axes: [axis], keepDims: !keep) }
                reference: { r in r[0].mean(axes: [axis], keepDims: !keep) }
            try GradientCheck.againstDouble(xs, key: k) { v in try logSumExp(v[0], axis: axis, keepDims: keep) }
                reference: { r in r[0].logSumExp(axis: axis, keepDims: keep) }
            try GradientCheck.againstDouble(xs, key: k) { v in try softmax(v[0], axis: axis) }
                reference: { r in r[0].softmax(axis: axis) }
        }
        if rank >= 2 {
            let axes = rank == 3 ? [0, 2] : [0, 1]
            try GradientCheck.againstDouble(xs, key: k) { v in try sum(v[0], axes: axes) } reference: { r in r[0].sum(axes: axes) }
            try GradientCheck.againstDouble(xs, key: k) { v in try mean(v[0], axes: axes, keepDims: true) }
                reference: { r in r[0].mean(axes: axes, keepDims: true) }
        }
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

    @Test("gather, concat, split, slice on random shapes", arguments: 0..<3)
    func indexing(trial: Int) throws {
        let k = key.fold(in: "idx\(trial)")
        let s = GradientCheck.shape(3, key: k)
        let table = GradientCheck.inputs([s], key: k)
        // Repeated indices check that the backward pass adds the rows' gradients.
        let indices = k.fold(in: "indices").integers(5, below: s[0])
        try GradientCheck.againstDouble(table, key: k) { v in try gather(v[0], indices) } reference: { r in r[0].gather(indices) }

        let axis = trial % 3
        let extents = k.fold(in: "extents").integers(3, below: 3).map { $0 + 1 }
        let parts = GradientCheck.inputs(extents.map { var p = s; p[axis] = $0; return p }, key: k)
        try GradientCheck.againstDouble(parts, key: k) { v in try concat(v, axis: axis) }
            reference: { r in Reference.concat(r, axis: axis) }

        var joined = s; joined[axis] = extents.reduce(0, +)
        let whole = GradientCheck.inputs([joined], key: k.fold(in: "whole"))
        try GradientCheck.againstDouble(whole, key: k) { v in try concat(split(v[0], sizes: extents, axis: axis).reversed(), axis: axis) }
            reference: { r in Reference.concat(r[0].split(sizes: extents, axis: axis).reversed(), axis: axis) }
        let last = extents.count - 1
        try GradientCheck.againstDouble(whole, key: k) { v in try split(v[0], sizes: extents, axis: axis)[last] }
            reference: { r in r[0].split(sizes: extents, axis: axis)[last] }
        let range = extents[0]..<(extents[0] + extents[1])
        try GradientCheck.againstDouble(whole, key: k) { v in try slice(v[0], axis: axis - 3, range: range) }
            reference: { r in r[0].slice(axis: axis - 3, range: range) }
    }

    @Test("reshape and every transpose permutation on random shapes", arguments: 0..<2)
    func shapes(trial: Int) throws {
        let k = key.fold(in: "shape\(trial)")
        let s = GradientCheck.shape(3, key: k)
        let xs = GradientCheck.inputs([s], key: k)
        try GradientCheck.againstDouble(xs, key: k) { v in try reshape(v[0], [s[1], -1]) } reference: { r in r[0].reshape([s[1], -1]) }
        try GradientCheck.againstDouble(xs, key: k) { v in try reshape(v[0], [s.reduce(1, *)]) }
            reference: { r in r[0].reshape([s.reduce(1, *)]) }
        for perm in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            try GradientCheck.againstDouble(xs, key: k) { v in try transpose(v[0], perm) } reference: { r in r[0].transpose(perm) }
        }
        try GradientCheck.againstDouble(xs, key: k) { v in try transpose(v[0]) } reference: { r in r[0].transpose() }
        let matrix = GradientCheck.inputs([Array(s.prefix(2))], key: k)
        try GradientCheck.againstDouble(matrix, key: k) { v in try transpose(v[0]) } reference: { r in r[0].transpose() }
        try GradientCheck.againstDouble(matrix, key: k) { v in try transpose(v[0], [1, 0]) } reference: { r in r[0].transpose([1, 0]) }
    }

    @Test("indexing and shape forward values")
    func indexingValues() throws {
        let t = try transpose(Variable(Tensor([[1, 2, 3], [4, 5, 6]]))).value
        #expect(t.shape == [3, 2] && t.scalars == [1, 4, 2, 5, 3, 6])
        #expect(try gather(Variable(Tensor([[1, 2], [3, 4]])), [1, 1]).value.scalars == [3, 4, 3, 4])
    }

    @Test("mean squared error on random shapes", arguments: 0..<3)
    func distances(trial: Int) throws {
        let k = key.fold(in: "dist\(trial)")
        let s = GradientCheck.shape(3, key: k)
        let ps = GradientCheck.inputs([s, s], key: k.fold(in: "mse"))
        try GradientCheck.againstDouble(ps, key: k) { v in try meanSquaredError(v[0], v[1]) }
            reference: { r in Reference.meanSquaredError(r[0], r[1]) }
    }
}
