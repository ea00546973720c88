import ArgumentParser

/// `hti`: the HTI Workbench kernel and its command-line front-ends.
struct HTI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hti",
        abstract: "HTI Workbench: Hyperparameter Trajectory Inference as a Jupyter kernel.",
        subcommands: [KernelCommand.self, InstallCommand.self, RunCommand.self, ReplCommand.self, BenchCommand.self,
                      ReferenceCommand.self])
}

HTI.main()
