import Foundation
import Tensors

/// Re-executes this process once with `OPENBLAS_CORETYPE` set when OpenBLAS
/// fell back to its slowest kernels on a CPU that can run better ones (see
/// `BLASCore`). Same PID, arguments and environment otherwise, so Jupyter and
/// shells see nothing; a user's own `OPENBLAS_CORETYPE` is always respected.
enum BLASCoreRelaunch {
    static func ifNeeded() {
        guard let core = BLASCore.betterChoice() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // execv only returns on failure: carry on with the kernels we have.
    }
}
