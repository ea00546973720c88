import Tensors

/// The HTI method: data, potential, metric, splines, neural dual OT (issue: HTI engine).
public enum HTIModule {}
