/// Minimum-cost perfect matching of an n×n cost matrix: the shortest
/// augmenting path form of the Hungarian algorithm (Jonker–Volgenant style),
/// O(n³) worst case and much less in practice on Euclidean costs.
enum Assignment {
    /// For each row, the column it is matched to.
    static func solve(n: Int, cost: (Int, Int) -> Double) -> [Int] {
        solve(n: n, checkpoint: { () throws(Never) in }, cost: cost)
    }

    /// As `solve(n:cost:)`, calling `checkpoint` once per row so a caller can stop a
    /// large problem (typed: a checkpoint that cannot throw makes this not throw).
    static func solve<Failure: Error>(n: Int, checkpoint: () throws(Failure) -> Void,
                                      cost: (Int, Int) -> Double) throws(Failure) -> [Int] {
        if n == 0 { return [] }
        // 1-based arrays with a virtual column 0, as in the classic formulation.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1)
        var way = [Int](repeating: 0, count: n + 1)
        var minimum = [Double](repeating: 0, count: n + 1)
        var used = [Bool](repeating: false, count: n + 1)
        for row in 1...n {
            try checkpoint()
            rowOfColumn[0] = row
            var column0 = 0
            for j in 0...n { minimum[j] = .infinity; used[j] = false }
            repeat {
                used[column0] = true
                let row0 = rowOfColumn[column0]
                var delta = Double.infinity
                var column1 = 0
                for j in 1...n where !used[j] {
                    let reduced = cost(row0 - 1, j - 1) - u[row0] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; way[j] = column0 }
                    if minimum[j] < delta { delta = minimum[j]; column1 = j }
                }
                for j in 0...n {
                    if used[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                column0 = column1
            } while rowOfColumn[column0] != 0
            repeat {
                let column1 = way[column0]
                rowOfColumn[column0] = rowOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        var match = [Int](repeating: 0, count: n)
        for j in 1...n where rowOfColumn[j] > 0 { match[rowOfColumn[j] - 1] = j - 1 }
        return match
    }
}
