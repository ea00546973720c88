extension BatchedLBFGS {
    /// `minimize(_:objective:)` (the form that evaluates subsets) with the problems split into contiguous
    /// shares that are solved at the same time, one per core (``Shares``). Problems are
    /// independent, so each takes the iterates it takes in one batch, up to rounding
    /// in the objective's batched arithmetic; `iterations` is the slowest share's,
    /// `evaluations` the sum over shares.
    ///
    /// `objective(points, rows)` gets rows of the whole batch (ascending within a call)
    /// and is called from several threads at once: it must not share a tape or any
    /// other mutable state between calls.
    public func minimizeInShares(_ x0: Tensor, minimumShare: Int = 16,
                                 objective: (Tensor, [Int]) throws -> (values: Tensor, gradients: Tensor)) throws -> BatchedLBFGSResult {
        guard x0.rank == 2 else { throw TensorError.unsupportedRank(op: "BatchedLBFGS", shape: x0.shape, expected: "2") }
        let (problems, n) = (x0.shape[0], x0.shape[1])
        let shares = Shares.count(for: problems, minimumShare: minimumShare)
        if shares <= 1 { return try minimize(x0, objective: objective) }
        let parts = try Shares.run(shares) { share -> BatchedLBFGSResult in
            let range = Shares.range(share, of: shares, in: problems)
            let start = Tensor(unchecked: [range.count, n], Array(x0.scalars[(range.lowerBound * n)..<(range.upperBound * n)]))
            return try minimize(start) { points, rows in
                try objective(points, rows.map { $0 + range.lowerBound })
            }
        }
        return BatchedLBFGSResult(x: Tensor(unchecked: [problems, n], parts.flatMap(\.x.scalars)),
                                  values: parts.flatMap(\.values), converged: parts.flatMap(\.converged),
                                  iterations: parts.map(\.iterations).max() ?? 0,
                                  evaluations: parts.map(\.evaluations).reduce(0, +))
    }
}
