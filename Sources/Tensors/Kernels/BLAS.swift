import CBLAS

/// Thin wrappers over OpenBLAS. Every matrix product in the module goes through
/// `sgemm` here; transposed operands use BLAS flags instead of materialised copies.
/// Public for the benchmarks (Sources/Benchmarks), which time the raw product against the layers.
public enum BLAS {
    /// `C[m,n] = alpha · op(A) · op(B) + beta · C`, row-major, where `op(A)` is
    /// `[m,k]` and `op(B)` is `[k,n]`.
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float,
                     c: UnsafeMutablePointer<Float>) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { c.update(repeating: 0, count: m &* n) }
            else if beta != 1 { for i in 0..<(m &* n) { c[i] *= beta } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(transA ? m : k), b, Int32(transB ? k : n), beta, c, Int32(n))
    }

    /// Column sums of a row-major `[rows, cols]` matrix, `out = alpha·1ᵀA + beta·out`, via `sgemv`.
    @inline(__always)
    static func columnSums(rows: Int, cols: Int, a: UnsafePointer<Float>, ones: UnsafePointer<Float>,
                           beta: Float, out: UnsafeMutablePointer<Float>) {
        if rows == 0 { if beta == 0 { out.update(repeating: 0, count: cols) }; return }
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(cols), 1, a, Int32(cols),
                    ones, 1, beta, out, 1)
    }

    /// The column sums of a tensor already known to be `[rows, cols]` (a bias's gradient).
    static func columnSums(_ a: Tensor, rows: Int, cols: Int) -> Tensor {
        let ones = [Float](repeating: 1, count: rows)
        return Tensor(shape: [cols]) { out in
            a.scalars.withUnsafeBufferPointer { ap in
                columnSums(rows: rows, cols: cols, a: ap.baseAddress!, ones: ones, beta: 0, out: out.baseAddress!)
            }
        }
    }

    /// `C = A · B` for tensors already known to be compatible (`[m,k] · [k,n]`).
    static func matmul(_ a: Tensor, _ b: Tensor, transA: Bool = false, transB: Bool = false,
                       m: Int, n: Int, k: Int) -> Tensor {
        Tensor(shape: [m, n]) { c in
            a.scalars.withUnsafeBufferPointer { ap in
                b.scalars.withUnsafeBufferPointer { bp in
                    gemm(transA: transA, transB: transB, m: m, n: n, k: k,
                         a: ap.baseAddress!, b: bp.baseAddress!, beta: 0, c: c.baseAddress!)
                }
            }
        }
    }
}
