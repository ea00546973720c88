/// Below this, `vectorExp` gives exactly 0: e^−87 ≈ 1.6e−38, the smallest normal Float.
let vectorExpCutoff: Float = -87

/// e^x for eight lanes at once, x ≤ 0 (kernel weights after subtracting the
/// maximum). libm's exp is scalar and was most of the KDE's time; this is the
/// usual range reduction x = n·ln2 + r with a degree-6 polynomial for e^r,
/// accurate to a few ulps, and exactly 0 below `vectorExpCutoff` (where Float underflows).
@inline(__always)
func vectorExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let clamped = x.replacing(with: vectorExpCutoff, where: x .< vectorExpCutoff)
    // Adding 1.5·2²³ rounds to an integer in the low mantissa bits: n without a
    // (slow, generic) SIMD float-to-int conversion.
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    // Two-part ln 2 keeps r exact enough for Float.
    let r = clamped - n * 0.693_145_75 - n * 1.428_606_8e-6
    var p: SIMD8<Float> = SIMD8(repeating: 1.0 / 720)
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let integer = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- unsafeBitCast(magic, to: SIMD8<UInt32>.self)
    let scale = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD8<Float>.self)
    return (p * scale).replacing(with: 0, where: x .< vectorExpCutoff)
}
