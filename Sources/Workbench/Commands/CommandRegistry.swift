/// Every command of the language, in the order `help` lists them.
public struct CommandRegistry: Sendable {
    public private(set) var commands: [CommandSpec]

    public init(_ commands: [CommandSpec]) {
        self.commands = commands
    }

    /// The full language.
    public static let standard = CommandRegistry(DataCommands.all + ModelCommands.all + SweepCommand.all + PlotCommand.all + ScoreCommand.all
                                                 + TableCommands.all + ExploreCommand.all + BuiltinCommands.all)

    public func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name }
    }

    public var names: [String] { commands.map(\.name) }

    /// The magics (`%time`), which wrap another command.
    public static let magics: [(name: String, summary: String)] = [
        ("time", "run the rest of the line and report how long it took"),
    ]
}
