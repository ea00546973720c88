import Foundation
import Testing
@testable import HTI

struct VectorExpTests {
    @Test func matchesLibmAcrossTheKernelRange() {
        var worst = 0.0
        var x = -86.8  // lanes reach 0.091 below x; below −87 the result is 0 by design
        while x <= 0 {
            let lanes = SIMD8<Float>((0..<8).map { Float(x - Double($0) * 0.013) })
            let fast = vectorExp(lanes)
            for k in 0..<8 {
                let exact = exp(Double(lanes[k]))
                worst = max(worst, abs(Double(fast[k]) - exact) / exact)
            }
            x += 0.37
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
    }

    @Test func underflowsToExactlyZeroAndIsExactAtZero() {
        let v = vectorExp(SIMD8<Float>(-1000, -88, -87.5, -200, 0, 0, -0.0, -1e-30))
        #expect(v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0)
        #expect(v[4] == 1 && v[6] == 1 && abs(v[7] - 1) < 1e-7)
    }
}
