/// How close samples are to reference samples, λ by λ and class by class: the numbers
/// behind `score`, with no formatting (the Workbench turns them into a table).
public struct SampleScores: Sendable {
    /// One λ (and class, for class-conditioned data) scored.
    public struct Row: Sendable {
        public var lambda: Double
        /// The class's name, for categorical data.
        public var className: String?
        public var count: Int
        public var referenceCount: Int
        /// W2², energy distance and MMD; NaN where the reference has no samples at this λ.
        public var w2: Double
        /// False when W2² came from Sinkhorn (unequal counts or large sets), an approximation.
        public var w2IsExact: Bool
        public var energy: Double
        public var mmd: Double
        /// Mean squared error sample by sample, where the reference holds one sample for each of
        /// the samples', with the same conditions in the same order: forecasts started from a
        /// forecaster's own windows, scored against its forecasts on those windows (`pairedMSE`).
        public var pairedMSE: Double?
        /// Against the known true density, when one was asked for.
        public var negativeLogLikelihood: Double?
        public var circleDeviation: Double?

        /// The scores in their columns' order: W2², energy, MMD, then the paired MSE where the
        /// samples pair with the reference, then NLL and CD with a truth.
        public var values: [Double] {
            [w2, energy, mmd] + [pairedMSE, negativeLogLikelihood, circleDeviation].compactMap { $0 }
        }
    }

    /// A density known in closed form, to score samples against besides the reference.
    public enum Truth: String, Sendable, CaseIterable {
        /// The arcs of the semicircles data set (METHOD.md); λ runs from 0 to 1, so it is the truth's time.
        case semicircles
    }

    public var rows: [Row]
    /// The true density scored against besides the reference, if any (the rows then have NLL and CD).
    public var truth: Truth?
    /// Whether a set was larger than `DistributionDistances.pointLimit` and scored on a subset.
    public var thinned: Bool

    /// Scores each of the samples' λ against the reference's samples at the same λ (classes are
    /// matched by name). With a truth, λ the reference lacks are still scored, against the truth alone.
    public init(samples: Marginals, reference: Marginals, truth: Truth?, isCancelled: () -> Bool) throws {
        guard samples.outputNames == reference.outputNames else {
            throw ScoreError.outputsDiffer(samples: samples.outputNames, reference: reference.outputNames)
        }
        let classes: [String]? = { if case .categorical(_, let names) = samples.condition { return names }; return nil }()
        rows = []
        thinned = false
        self.truth = truth
        for anchor in samples.anchors {
            let match = reference.anchors.first(where: { abs($0.lambda - anchor.lambda) < 1e-9 })
            guard match != nil || truth != nil else {
                throw ScoreError.referenceLacks(lambda: anchor.lambda, lambdaName: samples.lambdaName, has: reference.lambdas)
            }
            let groups: [(String?, Int?)] = classes.map { names in names.enumerated().map { ($1, $0) } } ?? [(nil, nil)]
            for (name, index) in groups {
                if isCancelled() { throw CancellationError() }
                let mine = anchor.points(ofClass: index, dimension: samples.dimension)
                let theirs = match?.points(ofClass: reference.classIndex(of: name), dimension: samples.dimension)
                    ?? PointSet(values: [], dimension: samples.dimension)
                guard mine.count > 0, theirs.count > 0 || match == nil else { continue }
                var row = Row(lambda: anchor.lambda, className: name, count: mine.count, referenceCount: theirs.count,
                              w2: .nan, w2IsExact: true, energy: .nan, mmd: .nan)
                if let match, name == nil, anchor.count == match.count, anchor.conditions == match.conditions,
                   case .vectors = anchor.conditions {
                    row.pairedMSE = zip(anchor.outputs, match.outputs).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                        / Double(max(anchor.outputs.count, 1))
                }
                if match != nil {
                    let w2 = try DistributionDistances.squaredW2(mine, theirs, isCancelled: isCancelled)
                    row.w2 = w2.value
                    row.w2IsExact = w2.exact
                    row.energy = try DistributionDistances.energy(mine, theirs, isCancelled: isCancelled)
                    row.mmd = try DistributionDistances.mmd(mine, theirs, isCancelled: isCancelled)
                }
                thinned = thinned || max(mine.count, theirs.count) > DistributionDistances.pointLimit
                if truth == .semicircles {
                    let arc = Int(name ?? "0") ?? 0
                    row.negativeLogLikelihood = SemicircleTruth.negativeLogLikelihood(mine, arc: arc, t: anchor.lambda)
                    row.circleDeviation = SemicircleTruth.circleDeviation(mine, arc: arc)
                }
                rows.append(row)
            }
        }
        // One column for every row or for none: a λ that does not pair leaves the others unpaired too.
        if rows.contains(where: { $0.pairedMSE == nil }) {
            for i in rows.indices { rows[i].pairedMSE = nil }
        }
    }

    /// Whether the rows carry the sample-by-sample MSE (see `Row.pairedMSE`).
    public var paired: Bool { rows.first?.pairedMSE != nil }

    /// The mean of each score over the rows (NaN where a row has none).
    public var means: [Double] {
        guard let width = rows.first?.values.count else { return [] }
        return (0..<width).map { k in rows.map { $0.values[k] }.reduce(0, +) / Double(rows.count) }
    }
}

/// Why samples could not be scored against a reference.
public enum ScoreError: Error, Equatable, CustomStringConvertible {
    case outputsDiffer(samples: [String], reference: [String])
    case referenceLacks(lambda: Double, lambdaName: String, has: [Double])

    public var description: String {
        switch self {
        case .outputsDiffer(let samples, let reference):
            return "the reference has outputs \(reference.joined(separator: ",")), the samples \(samples.joined(separator: ","))"
        case .referenceLacks(let lambda, let name, let has):
            return "the reference has no samples at \(name) = \(MarginalsError.format(lambda)) (it has "
                + has.map(MarginalsError.format).joined(separator: ", ") + ")"
        }
    }
}

extension Marginals {
    /// The index of a class name in this data's categorical condition (names are matched, not
    /// positions); -1 for a name this data does not have, nil without classes.
    func classIndex(of name: String?) -> Int? {
        guard let name, case .categorical(_, let names) = condition else { return nil }
        return names.firstIndex(of: name) ?? -1
    }
}
