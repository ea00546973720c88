import Foundation
import PropertyBased
import Testing
@testable import HTI

@Suite struct ScoreTests {
    static func points(_ count: Int, seed: UInt64, dimension: Int = 2) -> PointSet {
        var rng = SplitMix(seed: seed)
        return PointSet(values: (0..<(count * dimension)).map { _ in Float(rng.normal()) }, dimension: dimension)
    }

    @Test func assignmentIsOptimalAgainstBruteForce() async {
        await propertyCheck(count: 60, input: Gen.int(in: 1...6), Gen<UInt64>.value(in: 0...1_000_000)) { n, seed in
            let a = ScoreTests.points(n, seed: seed), b = ScoreTests.points(n, seed: seed + 1)
            let match = Assignment.solve(n: n) { a.squaredDistance($0, b, $1) }
            #expect(Set(match).count == n)
            let found = match.enumerated().reduce(0.0) { $0 + a.squaredDistance($1.offset, b, $1.element) }
            var best = Double.infinity
            func permute(_ rest: [Int], _ chosen: [Int]) {
                if rest.isEmpty {
                    best = min(best, chosen.enumerated().reduce(0.0) { $0 + a.squaredDistance($1.offset, b, $1.element) })
                    return
                }
                for (k, j) in rest.enumerated() { var r = rest; r.remove(at: k); permute(r, chosen + [j]) }
            }
            permute(Array(0..<n), [])
            #expect(abs(found - best) < 1e-9)
        }
    }

    @Test func squaredW2OfATranslationIsTheShiftSquared() throws {
        let a = ScoreTests.points(300, seed: 7)
        var shifted = a.values
        for i in stride(from: 0, to: shifted.count, by: 2) { shifted[i] += 0.3; shifted[i + 1] -= 0.4 }
        let (value, exact) = try DistributionDistances.squaredW2(a, PointSet(values: shifted, dimension: 2))
        #expect(exact)
        #expect(abs(value - 0.25) < 1e-4)
        #expect(try DistributionDistances.squaredW2(a, a).value < 1e-12)
    }

    @Test func sinkhornIsCloseToExactAndHandlesUnequalCounts() throws {
        let a = ScoreTests.points(200, seed: 1), b = ScoreTests.points(200, seed: 2)
        let exact = try DistributionDistances.squaredW2(a, b).value
        let entropic = try DistributionDistances.sinkhorn(a, b)
        #expect(abs(entropic - exact) / exact < 0.1)
        let unequal = try DistributionDistances.squaredW2(a, ScoreTests.points(150, seed: 3))
        #expect(!unequal.exact && unequal.value > 0)
    }

    @Test func energyAndMMDSeparateDifferentDistributions() throws {
        let a = ScoreTests.points(300, seed: 1), b = ScoreTests.points(300, seed: 2)
        let far = PointSet(values: b.values.map { $0 + 2 }, dimension: 2)
        let (energyFar, energyNear) = (try DistributionDistances.energy(a, far), try DistributionDistances.energy(a, b))
        let (mmdFar, mmdNear) = (try DistributionDistances.mmd(a, far), try DistributionDistances.mmd(a, b))
        #expect(energyFar > 10 * energyNear)
        #expect(mmdFar > 3 * mmdNear)
        #expect(abs(energyNear - (try DistributionDistances.energy(b, a))) < 1e-9)
    }

    @Test func everyScoreStopsWhenCancelled() {
        let a = ScoreTests.points(400, seed: 1), b = ScoreTests.points(300, seed: 2)
        var calls = 0
        let stopAfterTwo: () -> Bool = { calls += 1; return calls > 2 }
        #expect(throws: CancellationError.self) { try DistributionDistances.squaredW2(a, a, isCancelled: stopAfterTwo) }
        calls = 0
        #expect(throws: CancellationError.self) { try DistributionDistances.squaredW2(a, b, isCancelled: stopAfterTwo) }
        calls = 0
        #expect(throws: CancellationError.self) { try DistributionDistances.energy(a, b, isCancelled: stopAfterTwo) }
        calls = 0
        #expect(throws: CancellationError.self) { try DistributionDistances.mmd(a, b, isCancelled: stopAfterTwo) }
    }

    @Test func largeSetsAreThinnedEvenlyToTheLimit() {
        let big = ScoreTests.points(DistributionDistances.pointLimit * 3 + 7, seed: 4)
        let thinned = DistributionDistances.thinned(big)
        #expect(thinned.count == DistributionDistances.pointLimit)
        #expect(Array(thinned.values.prefix(2)) == Array(big.values.prefix(2)))
        let small = ScoreTests.points(10, seed: 5)
        #expect(DistributionDistances.thinned(small) == small)
    }

    @Test func semicircleDensityIntegratesToOne() {
        var total = 0.0
        let h = 0.004
        for xi in stride(from: -2.4, to: 0.4, by: h) {
            for yi in stride(from: -1.4, to: 1.4, by: h) {
                total += exp(SemicircleTruth.logDensity(x: xi, y: yi, arc: 1, t: 0.3)) * h * h
            }
        }
        #expect(abs(total - 1) < 0.01)
    }

    @Test func trueSamplesScoreWellAndWrongTimesScoreBadly() {
        let samples = SemicircleTruth.sample(count: 4000, arc: 2, t: 0.25, seed: 11)
        // E|e^{sZ} − 1| ≈ s·√(2/π) for small s.
        #expect(abs(SemicircleTruth.circleDeviation(samples, arc: 2) - 0.05 * (2 / Double.pi).squareRoot()) < 0.003)
        let right = SemicircleTruth.negativeLogLikelihood(samples, arc: 2, t: 0.25)
        let wrong = SemicircleTruth.negativeLogLikelihood(samples, arc: 2, t: 0.75)
        #expect(right < -0.6)
        #expect(wrong > right + 2)
    }
}
