import Foundation

// Elementwise nonlinearities. Backward closures capture only tensors (never the
// tape), and reuse the forward output where the derivative is cheaper from it.

/// Elementwise `eˣ`.
public func exp(_ x: Variable) -> Variable {
    let y = Kernels.map(x.value) { Foundation.exp($0) }
    return Variable.unary(x, y) { g in Kernels.zip(g, y) { $0 * $1 } }
}

/// Elementwise natural logarithm.
public func log(_ x: Variable) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { Foundation.log($0) }) { g in Kernels.zip(g, xv) { $0 / $1 } }
}

/// Elementwise square root.
public func sqrt(_ x: Variable) -> Variable {
    let y = Kernels.map(x.value) { $0.squareRoot() }
    return Variable.unary(x, y) { g in Kernels.zip(g, y) { 0.5 * $0 / $1 } }
}

/// Elementwise `log(1 + eˣ)`, computed stably for large |x|.
public func softplus(_ x: Variable) -> Variable {
    let xv = x.value
    let y = Kernels.map(xv) { v in max(v, 0) + Foundation.log1p(Foundation.exp(-abs(v))) }
    return Variable.unary(x, y) { g in Kernels.zip(g, xv) { $0 / (1 + Foundation.exp(-$1)) } }
}

/// Elementwise `max(x, 0)`.
public func relu(_ x: Variable) -> Variable {
    let y = Kernels.map(x.value) { $0 > 0 ? $0 : 0 }
    return Variable.unary(x, y) { g in Kernels.zip(g, y) { $1 > 0 ? $0 : 0 } }
}

/// Elementwise leaky ReLU, `x` for x > 0 and `slope·x` otherwise (Flax default slope 0.01).
public func leakyRelu(_ x: Variable, slope: Float = 0.01) -> Variable {
    let xv = x.value
    let y = Kernels.map(xv) { $0 > 0 ? $0 : slope * $0 }
    return Variable.unary(x, y) { g in Kernels.zip(g, xv) { $1 > 0 ? $0 : slope * $0 } }
}

/// Elementwise hyperbolic tangent.
public func tanh(_ x: Variable) -> Variable {
    let y = Kernels.map(x.value) { Foundation.tanh($0) }
    return Variable.unary(x, y) { g in Kernels.zip(g, y) { $0 * (1 - $1 * $1) } }
}

/// Elementwise logistic sigmoid `1 / (1 + e⁻ˣ)`.
public func sigmoid(_ x: Variable) -> Variable {
    let y = Kernels.map(x.value) { 1 / (1 + Foundation.exp(-$0)) }
    return Variable.unary(x, y) { g in Kernels.zip(g, y) { $0 * $1 * (1 - $1) } }
}

/// Elementwise sine.
public func sin(_ x: Variable) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { Foundation.sin($0) }) { g in Kernels.zip(g, xv) { $0 * Foundation.cos($1) } }
}

/// Elementwise cosine.
public func cos(_ x: Variable) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { Foundation.cos($0) }) { g in Kernels.zip(g, xv) { -$0 * Foundation.sin($1) } }
}

/// Elementwise absolute value (gradient sign(x), 0 at 0).
public func abs(_ x: Variable) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { Swift.abs($0) }) { g in
        Kernels.zip(g, xv) { $1 > 0 ? $0 : ($1 < 0 ? -$0 : 0) }
    }
}

/// Clamps every scalar to `[lower, upper]`; the gradient is zero where clamped.
public func clip(_ x: Variable, _ lower: Float, _ upper: Float) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { Swift.min(Swift.max($0, lower), upper) }) { g in
        Kernels.zip(g, xv) { ($1 >= lower && $1 <= upper) ? $0 : 0 }
    }
}

/// Elementwise `xᵖ` for a constant exponent.
public func pow(_ x: Variable, _ p: Float) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { Foundation.pow($0, p) }) { g in
        Kernels.zip(g, xv) { $0 * p * Foundation.pow($1, p - 1) }
    }
}
