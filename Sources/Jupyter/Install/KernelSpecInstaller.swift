import CellIO
import Foundation

/// Where `install` puts a kernelspec, following jupyter_client's data paths.
public enum KernelSpecLocation: Equatable, Sendable {
    /// `$JUPYTER_DATA_DIR`, else `$XDG_DATA_HOME/jupyter` or `~/.local/share/jupyter`.
    case user
    /// The active virtual environment's (`$VIRTUAL_ENV` or `$CONDA_PREFIX`) `share/jupyter`.
    case sysPrefix
    /// `DIR/share/jupyter`.
    case prefix(String)

    /// The `kernels` folder for this location.
    public func kernelsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        switch self {
        case .user:
            if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty {
                return URL(fileURLWithPath: data).appendingPathComponent("kernels")
            }
            if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
                return URL(fileURLWithPath: xdg).appendingPathComponent("jupyter/kernels")
            }
            let home = environment["HOME"] ?? NSHomeDirectory()
            return URL(fileURLWithPath: home).appendingPathComponent(".local/share/jupyter/kernels")
        case .sysPrefix:
            guard let prefix = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"], !prefix.isEmpty else {
                throw KernelSpecError.noEnvironment
            }
            return URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels")
        case .prefix(let directory):
            return URL(fileURLWithPath: directory).appendingPathComponent("share/jupyter/kernels")
        }
    }
}

/// A kernelspec to write: `kernel.json` plus resource files (logos).
public struct KernelSpec: Sendable {
    public var name: String
    public var displayName: String
    public var language: String
    public var argv: [String]
    public var interruptMode: String
    public var metadata: JSONValue
    public var resources: [String: Data]

    public init(name: String, displayName: String, language: String, argv: [String],
                interruptMode: String = "message", metadata: JSONValue = [:], resources: [String: Data] = [:]) {
        self.name = name
        self.displayName = displayName
        self.language = language
        self.argv = argv
        self.interruptMode = interruptMode
        self.metadata = metadata
        self.resources = resources
    }

    public var kernelJSON: Data {
        let json: JSONValue = [
            "argv": .array(argv.map { .string($0) }), "display_name": .string(displayName),
            "language": .string(language), "interrupt_mode": .string(interruptMode), "metadata": metadata,
        ]
        return json.encoded()
    }

    /// Writes the spec into `location`, replacing an earlier install of the same name. Returns its folder.
    @discardableResult
    public func install(at location: KernelSpecLocation,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        guard KernelSpec.isValidName(name) else { throw KernelSpecError.invalidName(name) }
        let folder = try location.kernelsDirectory(environment: environment).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try kernelJSON.write(to: folder.appendingPathComponent("kernel.json"), options: .atomic)
            for (file, data) in resources {
                try data.write(to: folder.appendingPathComponent(file), options: .atomic)
            }
        } catch {
            throw KernelSpecError.unwritable(path: folder.path, reason: error.localizedDescription)
        }
        return folder
    }

    /// Removes an installed spec; returns its folder, or throws when none is installed there.
    @discardableResult
    public static func uninstall(name: String, at location: KernelSpecLocation,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let folder = try location.kernelsDirectory(environment: environment).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("kernel.json").path) else {
            throw KernelSpecError.notInstalled(path: folder.path)
        }
        do { try FileManager.default.removeItem(at: folder) } catch {
            throw KernelSpecError.unwritable(path: folder.path, reason: error.localizedDescription)
        }
        return folder
    }

    /// jupyter_client accepts ASCII letters, digits, `.`, `_` and `-`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}

/// Why a kernelspec could not be installed or removed.
public enum KernelSpecError: Error, Equatable, CustomStringConvertible {
    case noEnvironment
    case invalidName(String)
    case unwritable(path: String, reason: String)
    case notInstalled(path: String)

    public var description: String {
        switch self {
        case .noEnvironment:
            return "--sys-prefix needs an active virtual environment (VIRTUAL_ENV or CONDA_PREFIX is not set)"
        case .invalidName(let name):
            return "kernel name `\(name)` is invalid: use ASCII letters, digits, `.`, `_` and `-`"
        case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
        case .notInstalled(let path): return "no kernelspec is installed at \(path)"
        }
    }
}
