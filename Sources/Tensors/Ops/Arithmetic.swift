import Foundation

// Broadcasting arithmetic on variables. Gradients are summed back to each
// operand's shape, so `[n,d] + [d]` (a bias) differentiates correctly.

extension Variable {
    /// Elementwise sum with broadcasting.
    public static func + (a: Variable, b: Variable) throws -> Variable {
        let v = try Broadcast.binary(a.value, b.value, op: "add") { $0 + $1 }
        let sa = a.shape, sb = b.shape
        return try nary([a, b], v, op: "add") { g, need in
            [need[0] ? Broadcast.reduce(g, to: sa) : nil, need[1] ? Broadcast.reduce(g, to: sb) : nil]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (a: Variable, b: Variable) throws -> Variable {
        let v = try Broadcast.binary(a.value, b.value, op: "subtract") { $0 - $1 }
        let sa = a.shape, sb = b.shape
        return try nary([a, b], v, op: "subtract") { g, need in
            [need[0] ? Broadcast.reduce(g, to: sa) : nil,
             need[1] ? Broadcast.reduce(Kernels.map(g) { -$0 }, to: sb) : nil]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Variable, b: Variable) throws -> Variable {
        let av = a.value, bv = b.value
        let v = try Broadcast.binary(av, bv, op: "multiply") { $0 * $1 }
        return try nary([a, b], v, op: "multiply") { g, need in
            // g has the product's (broadcast) shape, to which each operand expands: no shape can fail here.
            [need[0] ? Broadcast.reduce(Kernels.zip(g, Broadcast.expand(bv, to: g.shape)) { $0 * $1 }, to: av.shape) : nil,
             need[1] ? Broadcast.reduce(Kernels.zip(g, Broadcast.expand(av, to: g.shape)) { $0 * $1 }, to: bv.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (a: Variable, b: Variable) throws -> Variable {
        let av = a.value, bv = b.value
        let v = try Broadcast.binary(av, bv, op: "divide") { $0 / $1 }
        return try nary([a, b], v, op: "divide") { g, need in
            var ga: Tensor? = nil, gb: Tensor? = nil
            let gOverB = Kernels.zip(g, Broadcast.expand(bv, to: g.shape)) { $0 / $1 }
            if need[0] { ga = Broadcast.reduce(gOverB, to: av.shape) }
            if need[1] {  // d(a/b)/db = -(a/b)/b · g = -v · g / b
                gb = Broadcast.reduce(Kernels.zip(gOverB, v) { -$0 * $1 }, to: bv.shape)
            }
            return [ga, gb]
        }
    }

    /// Negation.
    public static prefix func - (x: Variable) -> Variable {
        unary(x, Kernels.map(x.value) { -$0 }) { g in Kernels.map(g) { -$0 } }
    }

    /// Adds a scalar.
    public static func + (x: Variable, s: Float) -> Variable {
        unary(x, Kernels.map(x.value) { $0 + s }) { $0 }
    }
    /// Adds a scalar.
    public static func + (s: Float, x: Variable) -> Variable { x + s }
    /// Subtracts a scalar.
    public static func - (x: Variable, s: Float) -> Variable { x + (-s) }
    /// Scalar minus a variable.
    public static func - (s: Float, x: Variable) -> Variable {
        unary(x, Kernels.map(x.value) { s - $0 }) { g in Kernels.map(g) { -$0 } }
    }
    /// Multiplies by a scalar.
    public static func * (x: Variable, s: Float) -> Variable {
        unary(x, Kernels.map(x.value) { $0 * s }) { g in Kernels.map(g) { $0 * s } }
    }
    /// Multiplies by a scalar.
    public static func * (s: Float, x: Variable) -> Variable { x * s }
    /// Divides by a scalar.
    public static func / (x: Variable, s: Float) -> Variable { x * (1 / s) }
}

/// Elementwise square, `x²`.
public func square(_ x: Variable) -> Variable {
    let xv = x.value
    return Variable.unary(x, Kernels.map(xv) { $0 * $0 }) { g in Kernels.zip(g, xv) { 2 * $0 * $1 } }
}

/// Elementwise `atan2(y, x)` with broadcasting: the angle of the point (x, y).
public func atan2(_ y: Variable, _ x: Variable) throws -> Variable {
    let yv = y.value, xv = x.value
    let v = try Broadcast.binary(yv, xv, op: "atan2") { Foundation.atan2($0, $1) }
    return try Variable.nary([y, x], v, op: "atan2") { g, need in
        let ye = Broadcast.expand(yv, to: g.shape), xe = Broadcast.expand(xv, to: g.shape)
        // ∂/∂y = x / (x² + y²), ∂/∂x = −y / (x² + y²)
        return [need[0] ? Broadcast.reduce(Kernels.zip3(g, ye, xe) { $0 * $2 / ($1 * $1 + $2 * $2) }, to: yv.shape) : nil,
                need[1] ? Broadcast.reduce(Kernels.zip3(g, ye, xe) { -$0 * $1 / ($1 * $1 + $2 * $2) }, to: xv.shape) : nil]
    }
}
