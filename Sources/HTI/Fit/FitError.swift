/// Why a fit stopped without a model.
public enum FitError: Error, Equatable, CustomStringConvertible {
    case cancelled
    case invalidSetting(String)
    case diverged(step: Int)

    public var description: String {
        switch self {
        case .cancelled: return "the fit was interrupted; no model was made"
        case .invalidSetting(let why): return why
        case .diverged(let step): return "training diverged at step \(step) (a loss became NaN); try a smaller learning rate or another seed"
        }
    }
}
