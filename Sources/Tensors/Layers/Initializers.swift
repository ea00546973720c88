/// Parameter initialisers matching Flax's defaults.
public enum Initializer {
    /// Flax `lecun_normal()`: truncated normal (±2σ) with variance `1/fanIn`,
    /// corrected for the truncation (σ = √(1/fanIn) / 0.8796…).
    public static func lecunNormal(_ shape: [Int], fanIn: Int, key: RandomKey) -> Tensor {
        let std = (1 / Float(max(fanIn, 1))).squareRoot() / 0.879_625_661_034_239_8
        return key.truncatedNormal(shape, std: std)
    }
}
