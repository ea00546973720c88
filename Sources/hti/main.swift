import ArgumentParser
import Tensors

/// `hti`: the HTI Workbench kernel and its command-line front-ends.
struct HTI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hti",
        abstract: "HTI Workbench: Hyperparameter Trajectory Inference as a Jupyter kernel.",
        subcommands: [KernelCommand.self, InstallCommand.self, RunCommand.self, ReplCommand.self, BenchCommand.self,
                      ReferenceCommand.self, FitJobCommand.self])
}

// OpenBLAS picks its kernels when it loads: if it fell back to generic ones on a CPU
// that can do better, start again with the right ones (benchmarks/quality.md).
BLASCoreRelaunch.ifNeeded()

// Keep training-step buffers in the heap instead of re-faulting fresh pages each step
// (measured in benchmarks/core.md); process-wide, so set once here.
TensorRuntime.configureAllocator()
HTI.main()
