/// Why a fit stopped without a model.
public enum FitError: Error, Equatable, CustomStringConvertible {
    case cancelled
    case invalidSetting(String)
    /// A loss became NaN or infinite; `weight` is the potential's α, the usual culprit.
    case diverged(step: Int, weight: Double)

    public var description: String {
        switch self {
        case .cancelled: return "the fit was interrupted; no model was made"
        case .invalidSetting(let why): return why
        case .diverged(let step, let weight):
            // Name only options `fit` has: a hint the user cannot act on is no hint.
            return "training diverged at step \(step) (a loss became NaN or infinite); try a smaller weight= (now \(weight)), "
                + "a larger bandwidth=, or another seed=, and check that the data's values are of a sensible size"
        }
    }
}
