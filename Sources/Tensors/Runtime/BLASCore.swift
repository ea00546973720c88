import CBLAS
import Foundation

/// Which OpenBLAS kernels this process runs on. OpenBLAS 0.3.21 (Debian 12)
/// does not recognise recent CPUs (e.g. Ice Lake / Sapphire Rapids server
/// parts) and falls back to its generic SSE3 "Prescott" kernels — several
/// times slower than the AVX-512 or AVX2 kernels such a CPU can run. The
/// choice is made when the library loads, from `OPENBLAS_CORETYPE`, so a
/// better one can only be applied to a fresh process image.
public enum BLASCore {
    /// The kernels OpenBLAS chose, e.g. "SkylakeX", "Haswell", "Prescott".
    public static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// A better core type for this CPU when OpenBLAS fell back to its generic
    /// kernels and the user has not chosen one; nil when nothing should change.
    public static func betterChoice(environment: [String: String] = ProcessInfo.processInfo.environment,
                                    cpuFlags: Set<String> = BLASCore.cpuFlags()) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, current.lowercased() == "prescott" else { return nil }
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "Haswell" }
        return nil
    }

    /// The CPU's feature flags (Linux /proc/cpuinfo); empty where unknown.
    public static func cpuFlags() -> Set<String> {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
