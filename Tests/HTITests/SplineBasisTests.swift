import Testing
@testable import HTI

@Suite struct SplineBasisTests {
    @Test func basisInterpolatesItsKnotsAndVanishesAtTheEnds() {
        let basis = SplineBasis(knots: 3, points: 5)  // points at 0, .25, .5, .75, 1 = the knots and ends
        for j in 0..<5 {
            for k in 0..<3 {
                let expected: Float = (j == k + 1) ? 1 : 0
                #expect(abs(basis.matrix[j * 3 + k] - expected) < 1e-6)
            }
        }
    }

    @Test func pathsAreSmoothBetweenKnots() {
        let basis = SplineBasis(knots: 15, points: 20)
        #expect(basis.times.count == 20 && basis.matrix.count == 300)
        // A natural cubic spline's second difference is bounded: no wild oscillation.
        let f = SplineBasis.naturalSpline(knotCount: 15, unit: 7)
        var previous = f(0), maximum = 0.0
        for i in 1...200 {
            let value = f(Double(i) / 200)
            maximum = max(maximum, abs(value - previous))
            previous = value
        }
        #expect(maximum < 0.2)
        #expect(abs(f(0)) < 1e-12 && abs(f(1)) < 1e-12 && abs(f(0.5) - 1) < 1e-9)
    }

    @Test func rowAtAnEvaluationTimeMatchesTheMatrix() {
        let basis = SplineBasis(knots: 15, points: 20)
        let row = basis.row(at: basis.times[7])
        for k in 0..<15 { #expect(abs(row[k] - basis.matrix[7 * 15 + k]) < 1e-6) }
    }
}
