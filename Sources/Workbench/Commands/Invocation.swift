/// A command's arguments after checking them against its `CommandSpec`:
/// accessors convert values and throw errors that name the option.
public struct Invocation: Sendable {
    public let command: String
    public let location: SourceLocation
    public let positionals: [Literal]
    public let options: [String: [Literal]]
    let optionLocations: [String: SourceLocation]

    /// Checks arguments against `spec`: unknown or repeated options, missing or surplus positionals, value kinds.
    init(spec: CommandSpec, location: SourceLocation, arguments: [CommandArgument]) throws {
        command = spec.name
        self.location = location
        var positionals: [Literal] = []
        var options: [String: [Literal]] = [:]
        var optionLocations: [String: SourceLocation] = [:]
        for argument in arguments {
            switch argument {
            case .positional(let literal):
                positionals.append(literal)
            case .option(let name, let nameLocation, let values):
                guard let option = spec.options.first(where: { $0.name == name }) else {
                    let known = spec.options.map(\.name)
                    var message = "unknown option `\(name)` for \(spec.name)"
                    if let guess = Suggest.closest(to: name, among: known) {
                        message += " — did you mean `\(guess)`?"
                    } else if !known.isEmpty {
                        message += "; options are " + known.map { "`\($0)`" }.joined(separator: ", ")
                    } else {
                        message += "; it takes no options"
                    }
                    throw WorkbenchError(.usage, message, command: spec.name, at: nameLocation)
                }
                guard options[name] == nil else {
                    throw WorkbenchError(.usage, "option `\(name)` is given twice", command: spec.name, at: nameLocation)
                }
                try Invocation.check(values, against: option, command: spec.name)
                options[name] = values
                optionLocations[name] = nameLocation
            }
        }
        let maximum = spec.positionals.contains(where: \.isRepeated) ? Int.max : spec.positionals.count
        if positionals.count > maximum {
            let extra = positionals[maximum]
            throw WorkbenchError(.usage, "unexpected argument `\(extra.text)` (usage: \(spec.usage))",
                                 command: spec.name, at: extra.location)
        }
        let required = spec.positionals.filter(\.isRequired).count
        if positionals.count < required {
            let missing = spec.positionals[positionals.count]
            throw WorkbenchError(.usage, "missing <\(missing.name)>: \(missing.help) (usage: \(spec.usage))",
                                 command: spec.name, at: location)
        }
        for (literal, positional) in zip(positionals, spec.positionals) {
            if case .word(let words) = positional.kind, !words.contains(literal.textValue) {
                throw WorkbenchError(.usage, "`\(literal.text)` is not a valid \(positional.name); expected one of "
                                     + words.map { "`\($0)`" }.joined(separator: ", "), command: spec.name, at: literal.location)
            }
        }
        self.positionals = positionals
        self.options = options
        self.optionLocations = optionLocations
    }

    private static func check(_ values: [Literal], against option: OptionSpec, command: String) throws {
        func fail(_ literal: Literal) -> WorkbenchError {
            WorkbenchError(.usage, "option `\(option.name)` expects \(option.kind.expectation), not `\(literal.text)`",
                           command: command, at: literal.location)
        }
        let single: Bool
        switch option.kind {
        case .numbers, .words: single = false
        default: single = true
        }
        if single, values.count > 1 {
            throw WorkbenchError(.usage, "option `\(option.name)` takes one value, not a list", command: command,
                                 at: values[1].location)
        }
        for literal in values {
            switch option.kind {
            case .number, .numbers:
                guard case .number = literal.kind else { throw fail(literal) }
            case .integer(let range):
                guard case .number(let n) = literal.kind, n == n.rounded(), range.contains(Int(exactly: n) ?? Int.min)
                else { throw fail(literal) }
            case .choice(let words):
                guard words.contains(literal.textValue) else { throw fail(literal) }
            case .words(let words?):
                guard words.contains(literal.textValue) else { throw fail(literal) }
            case .text, .path, .words(nil):
                break
            }
        }
    }

    public func location(ofOption name: String) -> SourceLocation {
        optionLocations[name] ?? location
    }

    public func has(_ option: String) -> Bool { options[option] != nil }

    public func number(_ option: String) -> Double? {
        guard case .number(let n)? = options[option]?.first?.kind else { return nil }
        return n
    }

    public func integer(_ option: String) -> Int? {
        number(option).flatMap { Int(exactly: $0) }
    }

    public func text(_ option: String) -> String? {
        options[option]?.first?.textValue
    }

    public func numbers(_ option: String) -> [Double]? {
        options[option]?.compactMap { literal in
            if case .number(let n) = literal.kind { return n }
            return nil
        }
    }

    public func words(_ option: String) -> [String]? {
        options[option]?.map(\.textValue)
    }

    /// A usage error pointing at `literal` (or at the command when nil).
    public func error(_ message: String, at literal: Literal? = nil, kind: WorkbenchError.Kind = .usage) -> WorkbenchError {
        WorkbenchError(kind, message, command: command, at: literal?.location ?? location)
    }

    /// The value of the variable a positional names, or a NameError that suggests a close name.
    public func variable(at index: Int, in variables: [String: Value]) throws -> Value {
        let literal = positionals[index]
        let name = literal.textValue
        if let value = variables[name] { return value }
        var message = "no variable named `\(name)`"
        if let guess = Suggest.closest(to: name, among: Array(variables.keys)) { message += " — did you mean `\(guess)`?" }
        throw WorkbenchError(.name, message, command: command, at: literal.location)
    }
}
