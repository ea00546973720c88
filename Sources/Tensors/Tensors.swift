/// Float32 tensors on OpenBLAS with reverse-mode autodiff (issue: Tensors).
public enum TensorsModule {}
