import CellIO
import Foundation

/// One user's workspace: variables and the language that acts on them. The
/// same session runs behind the kernel, `hti repl` and `hti run`. Owned by
/// one thread at a time (the kernel's shell thread).
public final class Session {
    public private(set) var variables: [String: Value] = [:]
    public let registry: CommandRegistry
    public let workingDirectory: URL
    /// Live widgets (set by the kernel or a notebook runner; nil in a terminal).
    public var widgets: LiveViews?
    /// The widgets showing each variable, closed when the variable is deleted.
    private var widgetOwners: [String: [String]] = [:]

    public init(registry: CommandRegistry = .standard,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.registry = registry
        self.workingDirectory = workingDirectory
    }

    /// Runs a cell statement by statement. Each statement either succeeds
    /// (and its effects are kept) or fails and changes nothing; execution
    /// stops at the first failure. An unnamed value is shown as it is made,
    /// except the last statement's, which is returned (the cell's result).
    public func run(cell: String, output: OutputChannel, cancellation: CancellationToken) throws -> Value? {
        let statements: [Statement]
        do { statements = try Parser.parse(cell: cell) } catch let error as SyntaxError {
            throw WorkbenchError(error)
        }
        var result: Value?
        for (index, statement) in statements.enumerated() {
            try cancellation.checkInterrupted()
            do {
                result = try run(statement, output: output, cancellation: cancellation)
            } catch var error as WorkbenchError {
                // Every error names its place: a runtime failure without a more precise one
                // points at its statement (scripts report FILE:LINE:COLUMN from this).
                if error.location == nil, error.kind != .interrupted { error.location = statement.location }
                throw error
            }
            if let value = result, index < statements.count - 1 {
                output.display(ValueRenderer.bundle(value))
            }
        }
        return result
    }

    func run(_ statement: Statement, output: OutputChannel, cancellation: CancellationToken) throws -> Value? {
        var context = CommandContext(variables: variables, output: output, cancellation: cancellation,
                                     registry: registry, workingDirectory: workingDirectory, widgets: widgets)
        // Widgets of a failed statement were never shown: close them; a success adopts them.
        var succeeded = false
        defer {
            if succeeded { adoptWidgets(context.createdWidgets) } else { widgets?.close(context.createdWidgets.values.flatMap { $0 }) }
        }
        if let target = statement.target, registry.command(named: target.name) != nil {
            // A variable named like a command would hide it (`load = 5` then `load "x.csv"`).
            throw WorkbenchError(.usage, "`\(target.name)` is a command; name the variable something else",
                                 at: target.location)
        }
        let value = try evaluate(statement, in: &context)
        if let target = statement.target {
            guard let value else {
                throw WorkbenchError(.usage, "this command makes no value to name `\(target.name)`",
                                     at: target.location)
            }
            context.variables[target.name] = value
            variables = context.variables
            succeeded = true
            return nil
        }
        variables = context.variables
        succeeded = true
        return value
    }

    private func evaluate(_ statement: Statement, in context: inout CommandContext) throws -> Value? {
        switch statement.body {
        case .value(let literal):
            return Session.value(of: literal)
        case .values(let literals):
            return .list(literals.map(Session.value(of:)))
        case .magic(let name, let location, let inner):
            guard name == "time" else {
                var message = "unknown magic `%\(name)`"
                if let guess = Suggest.closest(to: name, among: CommandRegistry.magics.map(\.name)) {
                    message += " — did you mean `%\(guess)`?"
                }
                throw WorkbenchError(.usage, message, at: location)
            }
            let started = Date()
            let value = try evaluate(inner, in: &context)
            if let target = inner.target, let value { context.variables[target.name] = value }
            context.output.stream(.stdout, "Wall time: \(Session.formatDuration(Date().timeIntervalSince(started)))\n")
            return inner.target == nil ? value : nil
        case .command(let name, let location, let arguments):
            if arguments.isEmpty, let value = context.variables[name] { return value }
            guard let spec = registry.command(named: name) else {
                var message = "unknown command or variable `\(name)`"
                if let guess = Suggest.closest(to: name, among: registry.names + Array(context.variables.keys)) {
                    message += " — did you mean `\(guess)`?"
                } else {
                    message += "; type `help` for the list of commands"
                }
                throw WorkbenchError(.name, message, at: location)
            }
            if statement.target != nil, !spec.producesValue {
                throw WorkbenchError(.usage, "`\(name)` makes no value, so its result cannot be named",
                                     command: name, at: statement.target?.location)
            }
            let invocation = try Invocation(spec: spec, location: location,
                                            arguments: VariableSubstitution(spec: spec, variables: context.variables).apply(to: arguments))
            do {
                return try spec.action(&context, invocation)
            } catch is CancellationError {
                throw WorkbenchError(.interrupted, "interrupted; the session is unchanged", command: name)
            }
        }
    }

    /// Records the widgets a statement made, and closes those whose variable is gone.
    private func adoptWidgets(_ created: [String: [String]]) {
        for (owner, ids) in created { widgetOwners[owner, default: []] += ids }
        for (owner, ids) in widgetOwners where variables[owner] == nil {
            widgets?.close(ids)
            widgetOwners[owner] = nil
        }
    }

    /// A literal as a value: numbers, text, and a bare word as its text.
    static func value(of literal: Literal) -> Value {
        switch literal.kind {
        case .number(let number): return .number(number)
        case .string(let text): return .text(text)
        case .word(let word): return .text(word)
        }
    }

    static func formatDuration(_ seconds: Double) -> String {
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
        if seconds < 120 { return String(format: "%.2f s", seconds) }
        return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }
}

extension CancellationToken {
    /// Like `check()`, but as the Workbench's own error type.
    func checkInterrupted() throws {
        if isCancelled { throw WorkbenchError(.interrupted, "interrupted; the session is unchanged") }
    }
}
