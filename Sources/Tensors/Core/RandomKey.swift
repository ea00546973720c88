import Foundation

/// An explicit, splittable pseudo-random key in the style of JAX keys.
///
/// There is no global generator: every random draw takes a key, and independent
/// streams come from ``split(into:)`` or ``fold(in:)``. Draws are counter-based
/// (SplitMix64 finaliser over `key ⊕ counter`), so the same key always yields the
/// same numbers, independent of thread scheduling.
public struct RandomKey: Hashable, Sendable, Codable {
    /// The 64-bit key state.
    public let state: UInt64

    /// Creates a key from a user seed.
    public init(seed: UInt64) { self.state = RandomKey.mix(seed &+ 0x9E37_79B9_7F4A_7C15) }

    init(state: UInt64) { self.state = state }

    @inline(__always)
    static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Derives `count` independent keys.
    public func split(into count: Int = 2) -> [RandomKey] {
        (0..<count).map { fold(in: UInt64($0) &+ 1) }
    }

    /// Derives a key from this one and an integer (e.g. a layer index or a step).
    public func fold(in data: UInt64) -> RandomKey {
        RandomKey(state: RandomKey.mix(state ^ RandomKey.mix(data &* 0xD6E8_FEB8_6659_FD93 &+ 0x1234_5678)))
    }

    /// Derives a key from this one and a string (e.g. a parameter name), stably across runs.
    public func fold(in name: String) -> RandomKey {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a, stable unlike Hasher
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return fold(in: h)
    }

    /// The `i`-th raw 64-bit word of this key's stream.
    @inline(__always)
    func bits(_ i: Int) -> UInt64 { RandomKey.mix(state &+ UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15) }

    /// The `i`-th uniform double in the open interval (0, 1).
    @inline(__always)
    func unit(_ i: Int) -> Double { (Double(bits(i) >> 11) + 0.5) * 0x1p-53 }

    /// Uniform draws in `[low, high)`.
    public func uniform(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        Tensor(shape: shape) { out in
            for i in 0..<out.count { out[i] = low + (high - low) * Float(unit(i)) }
        }
    }

    /// Standard normal draws (Box–Muller) scaled by `std`.
    public func normal(_ shape: [Int], std: Float = 1) -> Tensor {
        Tensor(shape: shape) { out in
            for i in 0..<out.count { out[i] = std * Float(gaussian(i)) }
        }
    }

    /// Normal draws truncated to ±2 standard deviations (before scaling by `std`),
    /// as used by Flax's `lecun_normal` initialiser.
    public func truncatedNormal(_ shape: [Int], std: Float = 1) -> Tensor {
        Tensor(shape: shape) { out in
            var draw = 0
            for i in 0..<out.count {
                var z = gaussian(draw); draw &+= 1
                while abs(z) > 2 { z = gaussian(draw); draw &+= 1 }
                out[i] = std * Float(z)
            }
        }
    }

    /// Uniform random integers in `0..<upperBound`.
    public func integers(_ count: Int, below upperBound: Int) -> [Int] {
        (0..<count).map { Int(bits($0) % UInt64(upperBound)) }
    }

    /// A random permutation of `0..<count` (Fisher–Yates with this key's stream).
    public func permutation(_ count: Int) -> [Int] {
        var p = Array(0..<count)
        if count < 2 { return p }
        for i in stride(from: count - 1, to: 0, by: -1) {
            p.swapAt(i, Int(bits(i) % UInt64(i + 1)))
        }
        return p
    }

    @inline(__always)
    private func gaussian(_ i: Int) -> Double {
        let u1 = unit(2 &* i), u2 = unit(2 &* i &+ 1)
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
