import CellIO
import Foundation

/// The commands every session has: help, variables, simple output.
enum BuiltinCommands {
    static var all: [CommandSpec] { [help, who, del, print, clear, input, sleep] }

    static let help = CommandSpec(
        name: "help", summary: "List the commands, or describe one command and its options.",
        positionals: [PositionalSpec("command", .anything, "a command name", required: false)],
        examples: ["help", "help fit"]
    ) { context, call in
        if let topic = call.positionals.first {
            let name = topic.textValue
            guard let spec = context.registry.command(named: name) else {
                var message = "no command named `\(name)`"
                if let guess = Suggest.closest(to: name, among: context.registry.names) { message += " — did you mean `\(guess)`?" }
                throw call.error(message, at: topic, kind: .name)
            }
            context.output.stream(.stdout, spec.helpText + "\n")
            return nil
        }
        let width = (context.registry.names.map(\.count).max() ?? 8) + 2
        var lines = ["Commands (type `help COMMAND` for details):"]
        for spec in context.registry.commands {
            lines.append("  " + spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + spec.summary)
        }
        lines.append("")
        lines.append("Magics:")
        for magic in CommandRegistry.magics {
            lines.append("  " + ("%" + magic.name).padding(toLength: width, withPad: " ", startingAt: 0) + magic.summary)
        }
        lines.append("")
        lines.append("Name a result with `x = command …`; a line with just a name shows it; `#` starts a comment; `\\` continues a line.")
        lines.append("`x = 1`, `x = \"text\"` and `x = 0.25, 0.75` make values. " + VariableSubstitution.explanation)
        context.output.stream(.stdout, lines.joined(separator: "\n") + "\n")
        return nil
    }

    static let who = CommandSpec(
        name: "who", summary: "List the session's variables with their types and a summary.",
        examples: ["who"]
    ) { context, _ in
        guard !context.variables.isEmpty else {
            context.output.stream(.stdout, "No variables yet.\n")
            return nil
        }
        let width = (context.variables.keys.map(\.count).max() ?? 4) + 2
        let lines = context.variables.keys.sorted().map { name -> String in
            let value = context.variables[name]!
            return name.padding(toLength: width, withPad: " ", startingAt: 0)
                + value.typeName.padding(toLength: 10, withPad: " ", startingAt: 0) + value.summary
        }
        context.output.stream(.stdout, lines.joined(separator: "\n") + "\n")
        return nil
    }

    static let del = CommandSpec(
        name: "del", summary: "Delete variables from the session.",
        positionals: [PositionalSpec("name", .variable, "a variable to delete", repeated: true)],
        examples: ["del d m"]
    ) { context, call in
        for index in call.positionals.indices {
            _ = try call.variable(at: index, in: context.variables)
            context.variables[call.positionals[index].textValue] = nil
        }
        return nil
    }

    static let print = CommandSpec(
        name: "print", summary: "Write values to the output, separated by spaces.",
        positionals: [PositionalSpec("value", .anything, "text, a number, or a variable name", required: false, repeated: true)],
        options: [OptionSpec("to", .choice(["stdout", "stderr"]), "which stream to write to", default: "stdout")],
        examples: ["print \"hello, world\"", "print \"oops\" to=stderr"]
    ) { context, call in
        let parts = call.positionals.map { literal -> String in
            if case .word(let name) = literal.kind, let value = context.variables[name] { return value.printed }
            return literal.textValue
        }
        let stream: OutputEvent.Stream = call.text("to") == "stderr" ? .stderr : .stdout
        context.output.stream(stream, parts.joined(separator: " ") + "\n")
        return nil
    }

    static let clear = CommandSpec(
        name: "clear", summary: "Clear this cell's output so far (useful for live displays).",
        options: [OptionSpec("wait", .choice(["yes", "no"]), "wait until new output arrives before clearing", default: "no")],
        examples: ["clear", "clear wait=yes"]
    ) { context, call in
        context.output.clearOutput(wait: call.text("wait") == "yes")
        return nil
    }

    static let input = CommandSpec(
        name: "input", summary: "Ask the person at the notebook for a line of text.",
        positionals: [PositionalSpec("prompt", .anything, "the question to show", required: false)],
        options: [OptionSpec("password", .choice(["yes", "no"]), "hide what is typed", default: "no")],
        examples: ["name = input \"Your name?\""], producesValue: true
    ) { context, call in
        do {
            return .text(try context.output.input(prompt: call.positionals.first?.textValue ?? "",
                                                  password: call.text("password") == "yes"))
        } catch let error as StdinError {
            throw call.error(error.description, kind: .failed)
        }
    }

    static let sleep = CommandSpec(
        name: "sleep", summary: "Wait some seconds (interruptible); handy to try interrupts and progress.",
        positionals: [PositionalSpec("seconds", .number, "how long to wait")],
        examples: ["sleep 2"]
    ) { context, call in
        guard case .number(let seconds) = call.positionals[0].kind, seconds >= 0, seconds <= 86_400 else {
            throw call.error("expected a number of seconds from 0 to 86400", at: call.positionals[0])
        }
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            try context.cancellation.check()
            Thread.sleep(forTimeInterval: min(0.01, max(0, end.timeIntervalSinceNow)))
        }
        return nil
    }
}
