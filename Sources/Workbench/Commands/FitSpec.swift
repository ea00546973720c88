import CBLAS
import Foundation
import HTI

/// One fit to run as a cluster job (`hti fit-job SPEC.json`): the settings, where
/// the training data lies and where the model goes. Written by `sweep … on=ray`
/// into the sweep's folder of the store, which every node can read.
public struct FitSpec: Codable, Sendable, Equatable {
    /// The format of this file; a job refuses specs it does not know.
    public var version: Int = 1
    /// What the progress display and results call this fit (`K_θ−Û seed 2`).
    public var label: String
    public var settings: FitSettings
    /// The training marginals (`FitData`), as an absolute path or relative to the spec's folder.
    public var data: String
    /// Where the job writes its `.htimodel`, as an absolute path or relative to the spec's folder.
    public var model: String
    /// OpenBLAS threads of the kernel that wrote the spec: the job uses as many, since the
    /// number of threads changes the last bits of some sums and so the model.
    public var blasThreads: Int

    public init(label: String, settings: FitSettings, data: String, model: String, blasThreads: Int = FitSpec.currentBLASThreads) {
        self.label = label
        self.settings = settings
        self.data = data
        self.model = model
        self.blasThreads = blasThreads
    }

    /// The OpenBLAS threads this process uses.
    public static var currentBLASThreads: Int { Int(openblas_get_num_threads()) }

    /// Makes this process use `blasThreads` OpenBLAS threads (a fit job, before it fits).
    public func adoptBLASThreads() {
        if blasThreads >= 1 { openblas_set_num_threads(Int32(blasThreads)) }
    }

    /// A path of the spec (`data`, `model`) as a URL, resolved against the spec file's folder.
    public static func resolve(_ path: String, besides spec: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : spec.deletingLastPathComponent().appendingPathComponent(path)
    }
}
