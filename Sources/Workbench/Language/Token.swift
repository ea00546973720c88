/// One lexical token of the command language.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: a name, a keyword, or an unquoted value such as `learned`.
        case word(String)
        case number(Double)
        case string(String)
        case equals
        case comma
        /// `%name`: a magic such as `%time`.
        case magic(String)
    }

    public var kind: Kind
    /// The text exactly as written (for numbers, so `0.50` prints back as written).
    public var text: String
    public var location: SourceLocation
}
