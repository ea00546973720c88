/// Why a fit stopped without a model. (An interrupt is Swift's `CancellationError`, as
/// everywhere in the project: one representation from the engine to the session.)
public enum FitError: Error, Equatable, CustomStringConvertible {
    case invalidSetting(String)
    /// A loss became NaN or infinite; `weight` is the potential's α, the usual culprit.
    case diverged(step: Int, weight: Double)

    public var description: String {
        switch self {
        case .invalidSetting(let why): return why
        case .diverged(let step, let weight):
            // Name only options `fit` has: a hint the user cannot act on is no hint.
            return "training diverged at step \(step) (a loss became NaN or infinite); try a smaller weight= (now \(weight)), "
                + "a larger bandwidth=, or another seed=, and check that the data's values are of a sensible size"
        }
    }
}
