/// Column layouts of the paper's data sets shipped in data/, so commands and
/// benchmarks can load them by file name alone.
public enum KnownDatasets {
    /// Which of the paper's data sets a file is, by name.
    public static func kind(of path: String) -> HeldOutTask.Kind? {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if name.hasPrefix("semicircles") { return .semicircles }
        if name.hasPrefix("moons") { return .moons }
        if name.hasPrefix("ett") { return .ett }
        return nil
    }

    public static func columns(for path: String) -> ColumnSelection? {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if name.hasPrefix("semicircles") { return ColumnSelection(outputs: ["x", "y"], conditions: ["arc"], categorical: true) }
        if name.hasPrefix("moons") { return ColumnSelection(outputs: ["x", "y"], conditions: ["moon"], categorical: true) }
        if name.hasPrefix("ett") {
            return ColumnSelection(outputs: ["y1", "y2", "y3"], conditions: (0..<12).map { "h\($0)" }, categorical: false)
        }
        return nil
    }
}
