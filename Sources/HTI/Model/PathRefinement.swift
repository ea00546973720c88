import Tensors

/// Least-action refinement of amortised paths: the amortiser's knots are a
/// learned guess at the least-action spline between x and y; a few batched
/// L-BFGS iterations on the action itself (METHOD.md), warm-started there,
/// bring each path closer to the true least-action path under the learned
/// metric and the density potential. Endpoints are held fixed.
extension HTIModel {
    func refinedKnots(x: Variable, y: Variable, knots: Tensor, features: Tensor, conditions: ConditionValues,
                      iterations: Int, geometry: PathGeometry, isCancelled: () -> Bool) throws -> Tensor {
        guard iterations > 0 else { return knots }
        let metric = BoundParameters.constant(metricParameters)
        let lbfgs = BatchedLBFGS(memory: 10, maxIterations: iterations, maxBacktracks: 8,
                                 firstStepLength: geometry.potential?.bandwidth ?? 0.1)
        let whole = knots.shape[0]
        let result = try lbfgs.minimizeInShares(knots) { candidate, rows in  // paths are independent: shares on all cores
            if isCancelled() { throw CancellationError() }
            let all = rows.count == whole
            let tape = Tape()
            let k = tape.variable(candidate)
            let path = try geometry.pathPoints(x: all ? x : gather(x, rows), y: all ? y : gather(y, rows), knots: k)
            let rowFeatures = all ? features : try gather(Variable(features), rows).value
            let action = try geometry.action(path: path, features: rowFeatures, conditions: all ? conditions : conditions.rows(rows),
                                             metric)
            return (action.value, try tape.gradients(of: sum(action), wrt: [k])[0])
        }
        return result.x
    }
}
