/// Deterministic SVG plots (issue: Workbench).
public enum PlotsModule {}
