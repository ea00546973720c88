import HTI

/// What `sweep` returns: its table (one row per fit) and the fitted models
/// beside it, which `take` hands out by variant and seed. It shows, prints and
/// saves as its table; `pick` reads its cells as it reads any table's.
public struct SweepResult: Sendable {
    /// One fit of the sweep: its variant and seed, and the model or why there is none.
    public struct Fit: Sendable {
        /// The paper's name for the variant (`K_θ−Û`).
        public var variant: String
        public var seed: Int
        public var model: HTIModel?
        /// Why the fit has no model (it failed or was stopped on the cluster).
        public var failure: String?
    }

    public var table: Table
    public var fits: [Fit]

    /// `who`'s line: how many fits, how many failed, and the table's title.
    public var summary: String {
        let failed = fits.filter { $0.model == nil }.count
        return "sweep of \(fits.count) fit\(fits.count == 1 ? "" : "s")" + (failed > 0 ? " (\(failed) failed)" : "")
            + (table.title.map { ": \($0)" } ?? "")
    }

    /// A variant's name reduced to what can be typed: `K_θ−Û`, `K_theta-U` and `kthetau` are one.
    public static func typeable(_ variant: String) -> String {
        var out = ""
        for scalar in variant.lowercased().unicodeScalars {
            switch scalar {
            case "θ": out += "theta"
            case "û": out += "u"
            case _ where scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)): out.unicodeScalars.append(scalar)
            default: break
            }
        }
        return out
    }
}
