/// Where a variable may stand for a value in a command's arguments — the one rule
/// `help` states: a bare word naming a variable is replaced by the variable's value
/// only where the command expects a number, a list of numbers, a file path or one of
/// a fixed set of words (and the variable holds that kind of value). Everywhere else
/// — column names above all — a word is the name it spells, so `x = 1` never turns
/// `outputs=x,y` into a column called `1`.
struct VariableSubstitution {
    let spec: CommandSpec
    let variables: [String: Value]

    /// The rule in one sentence, for `help`.
    static let explanation = "A bare word that names a variable stands for its value where a command expects a number, "
        + "numbers, a file path or one of fixed words (`steps=n`, `lambda=lams`, `load path`, `metric=which`); "
        + "elsewhere, as in column names (`outputs=x,y`), a word is just the name it spells."

    func apply(to arguments: [CommandArgument]) -> [CommandArgument] {
        var position = 0
        return arguments.map { argument in
            switch argument {
            case .option(let name, let nameLocation, let values):
                guard let option = spec.options.first(where: { $0.name == name }) else { return argument }
                return .option(name: name, nameLocation: nameLocation,
                               values: values.flatMap { substitute($0, expecting: option.kind) })
            case .positional(let literal):
                defer { position += 1 }
                let index = min(position, spec.positionals.count - 1)
                guard spec.positionals.indices.contains(index) else { return argument }
                switch spec.positionals[index].kind {
                case .number: return .positional(substitute(literal, expecting: .number).first ?? literal)
                case .path: return .positional(substitute(literal, expecting: .path).first ?? literal)
                case .variable, .word, .anything: return argument
                }
            }
        }
    }

    /// The literals `literal` stands for under an option of `kind` (a list variable may stand for several).
    private func substitute(_ literal: Literal, expecting kind: OptionKind) -> [Literal] {
        guard case .word(let word) = literal.kind, let value = variables[word] else { return [literal] }
        func number(_ n: Double) -> Literal { Literal(kind: .number(n), text: Value.format(n), location: literal.location) }
        func text(_ t: String) -> Literal { Literal(kind: .string(t), text: Literal.quote(t), location: literal.location) }
        switch (kind, value) {
        case (.number, .number(let n)), (.integer, .number(let n)), (.numbers, .number(let n)):
            return [number(n)]
        case (.numbers, .list(let items)):
            let numbers = items.compactMap { item -> Double? in if case .number(let n) = item { return n } else { return nil } }
            return numbers.count == items.count && !numbers.isEmpty ? numbers.map(number) : [literal]
        case (.path, .text(let t)):
            return [text(t)]
        case (.choice(let words), .text(let t)) where !words.contains(word) && words.contains(t):
            return [Literal(kind: .word(t), text: t, location: literal.location)]
        case (.words(let words?), .text(let t)) where !words.contains(word) && words.contains(t):
            return [Literal(kind: .word(t), text: t, location: literal.location)]
        case (.words(let words?), .list(let items)) where !words.contains(word):
            let texts = items.compactMap { item -> String? in if case .text(let t) = item, words.contains(t) { return t } else { return nil } }
            return texts.count == items.count && !texts.isEmpty
                ? texts.map { Literal(kind: .word($0), text: $0, location: literal.location) } : [literal]
        default:
            return [literal]
        }
    }
}
