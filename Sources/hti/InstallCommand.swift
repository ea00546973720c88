import ArgumentParser
import Foundation
import Jupyter
import Workbench
import WorkbenchKernel

/// `hti install`: writes the kernelspec so Jupyter front-ends list "HTI".
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install (or with --uninstall remove) the HTI kernelspec.",
        discussion: "The default is --user: $JUPYTER_DATA_DIR/kernels, or ~/.local/share/jupyter/kernels.")

    @Flag(help: "Install for this user (the default).") var user = false
    @Flag(help: "Install into the active virtual environment (VIRTUAL_ENV or CONDA_PREFIX).") var sysPrefix = false
    @Option(help: "Install into DIR/share/jupyter/kernels.") var prefix: String?
    @Option(help: "The kernelspec's name.") var name = "hti"
    @Option(help: "The name front-ends show.") var displayName = "HTI"
    @Flag(help: "Remove the kernelspec instead.") var uninstall = false

    func validate() throws {
        if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --user, --sys-prefix and --prefix")
        }
    }

    func run() throws {
        let location: KernelSpecLocation = sysPrefix ? .sysPrefix : prefix.map { .prefix($0) } ?? .user
        do {
            if uninstall {
                let folder = try KernelSpec.uninstall(name: name, at: location)
                print("Removed the \(name) kernelspec from \(folder.path)")
                return
            }
            let spec = KernelSpec(name: name, displayName: displayName, language: "hti",
                                  argv: [InstallCommand.executablePath, "kernel", "-f", "{connection_file}"],
                                  interruptMode: "message", metadata: ["debugger": false],
                                  resources: KernelSpecAssets.files)
            let folder = try spec.install(at: location)
            print("Installed the \(displayName) kernelspec (\(name)) in \(folder.path)")
        } catch let error as KernelSpecError {
            throw ValidationError(error.description)
        }
    }

    /// The absolute path of this executable, so the kernelspec works from any directory.
    static var executablePath: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        let argument = CommandLine.arguments[0]
        if argument.hasPrefix("/") { return argument }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(argument)
            .standardized.path
    }
}
