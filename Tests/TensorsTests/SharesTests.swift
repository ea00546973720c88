import Foundation
import Testing
@testable import Tensors

@Suite("Shares: independent problems split over the cores give what one batch gives")
struct SharesTests {
    @Test("Shares partition 0..<items into contiguous ranges differing in size by at most one")
    func rangesPartition() {
        for items in 0...300 {
            for shares in 1...5 {
                let ranges = (0..<shares).map { Shares.range($0, of: shares, in: items) }
                #expect(ranges.flatMap { Array($0) } == Array(0..<items), "items \(items), shares \(shares)")
                let sizes = ranges.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
            }
        }
        #expect(Shares.count(for: 10, minimumShare: 16) == 1)
        #expect(Shares.count(for: 0, minimumShare: 16) == 1)
        #expect(Shares.count(for: 1000, minimumShare: 16) == min(Parallel.workers, 62))
    }

    @Test("Shares run at once, return their results in share order and rethrow a share's error")
    func runOrderAndErrors() throws {
        let shares = 4
        let results = try Shares.run(shares) { share in share * 10 }
        #expect(results == [0, 10, 20, 30])
        struct ShareFailed: Error, Equatable { let share: Int }
        #expect(throws: ShareFailed(share: 2)) {
            _ = try Shares.run(shares) { share -> Int in
                if share == 2 { throw ShareFailed(share: share) }
                return share
            }
        }
    }

    @Test("L-BFGS in shares takes each problem to the same point as one batch, rows in their places")
    func lbfgsInSharesMatchesOneBatch() throws {
        let problems = 96
        // Rosenbrocks shifted by their row, so a share handed the wrong rows lands elsewhere.
        let shifts = (0..<problems).map { Double($0) / Double(problems) - 0.5 }
        let lock = NSLock()
        var rowSets: [[Int]] = []
        func objective(_ x: Tensor, _ rows: [Int]) throws -> (values: Tensor, gradients: Tensor) {
            lock.lock(); rowSets.append(rows); lock.unlock()
            var v = [Float](repeating: 0, count: rows.count), g = [Float](repeating: 0, count: 2 * rows.count)
            for (r, b) in rows.enumerated() {
                let (f, gr) = OptimizerTests.rosenbrock([Double(x.scalars[2 * r]) - shifts[b], Double(x.scalars[2 * r + 1])])
                v[r] = Float(f); g[2 * r] = Float(gr[0]); g[2 * r + 1] = Float(gr[1])
            }
            return (Tensor(v), try Tensor(shape: [rows.count, 2], scalars: g))
        }
        let lbfgs = BatchedLBFGS(maxIterations: 300, gradientTolerance: 1e-4)
        let start = Tensor(shape: [problems, 2], repeating: -1)
        let whole = try lbfgs.minimize(start, objective: objective)
        rowSets = []
        let split = try lbfgs.minimizeInShares(start, objective: objective)
        #expect(split.x == whole.x)
        #expect(split.values == whole.values)
        #expect(split.converged == whole.converged)
        for b in 0..<problems { #expect(Swift.abs(Double(split.x.scalars[2 * b]) - (1 + shifts[b])) < 2e-2) }
        let shares = Shares.count(for: problems, minimumShare: 16)
        if shares >= 2 {
            // The first evaluation of each share covers exactly that share's rows, and none covers more.
            let ranges = (0..<shares).map { Array(Shares.range($0, of: shares, in: problems)) }
            for range in ranges { #expect(rowSets.contains(range), "no evaluation of rows \(range.first ?? 0)...") }
            #expect(!rowSets.contains { rows in !ranges.contains { Set($0).isSuperset(of: rows) } })
        }
    }
}
