import Testing
@testable import HTI

/// Mean, sample sd and worst over seeds, as `hti bench quality` summarises seeds 0–4.
@Suite struct SeedSpreadTests {
    @Test func meanSampleDeviationAndTheLargestAsWorst() throws {
        let spread = try #require(SeedSpread([1, 2, 3, 4]))
        #expect(spread.mean == 2.5 && spread.worst == 4 && spread.count == 4)
        #expect(abs(spread.standardDeviation - (5.0 / 3).squareRoot()) < 1e-12, "n − 1 in the denominator")
        // NLL is negative and better lower: the worst is still the largest.
        #expect(SeedSpread([-1.4, -1.3, -1.5])?.worst == -1.3)
        #expect(SeedSpread([0.5])?.standardDeviation == 0)
        #expect(SeedSpread([]) == nil)
    }

    @Test func aRunWithoutAScoreIsLeftOutOfThatScore() {
        let spreads = SeedSpread.of([["nll": -1, "cd": 0.02], ["nll": -2]])
        #expect(spreads["nll"]?.count == 2 && spreads["nll"]?.mean == -1.5)
        #expect(spreads["cd"]?.count == 1 && spreads["cd"]?.worst == 0.02)
    }
}
