import Tensors

extension HTIModel {
    /// Every network with the prefix its weights are saved under, in the order of
    /// `weights` and of the random keys that initialise them: the metric, the
    /// amortiser, then g_k and T_k for each pair. Fitting, saving and loading all
    /// walk this one list, so they cannot disagree about what a model holds.
    var networkLayout: [(prefix: String, network: ConditionedMLP)] {
        let nets = networks
        var layout: [(prefix: String, network: ConditionedMLP)] = [("metric", metricField.network), ("amortiser", nets.amortiser)]
        for k in nets.maps.indices {
            layout += [("potential\(k)", nets.potentials[k]), ("map\(k)", nets.maps[k])]
        }
        return layout
    }

    /// The weights in `networkLayout`'s order.
    var weights: [Parameters] {
        get { [metricParameters, amortiserParameters] + zip(potentialParameters, mapParameters).flatMap { [$0, $1] } }
        set {
            guard newValue.count >= 2 else { return }
            metricParameters = newValue[0]
            amortiserParameters = newValue[1]
            let pairs = (newValue.count - 2) / 2
            potentialParameters = (0..<pairs).map { newValue[2 + 2 * $0] }
            mapParameters = (0..<pairs).map { newValue[3 + 2 * $0] }
        }
    }

    /// How many random keys `initialiseWeights` takes for this many anchor pairs.
    static func initialisationKeyCount(pairs: Int) -> Int { 2 * pairs + 2 }

    /// Fresh weights for every network the settings describe, one split key each,
    /// so a fit is reproducible from its seed.
    mutating func initialiseWeights(keys: [RandomKey]) {
        weights = zip(networkLayout, keys).map { entry, key in
            var parameters = Parameters()
            entry.network.initialize(&parameters, key: key)
            return parameters
        }
    }
}
