import Foundation
import HTI

/// `sweep`: many fits (variants × seeds) here or as jobs on a Ray cluster, one
/// table; `take`: one fitted model out of a sweep.
enum SweepCommand {
    static var all: [CommandSpec] { [sweep, take] }

    static let sweep = CommandSpec(
        name: "sweep",
        summary: "Fit every combination of the variants and seeds given — here, one after another, or as jobs on a Ray cluster (on=ray) — and tabulate them as `compare` does, one row per fit; a failed fit fails its row, not the sweep. Take a model out with `take`. Interrupting stops every job and leaves the session unchanged.",
        positionals: [PositionalSpec("data", .variable, "marginals from `load`")],
        options: FitOptions.specs.filter { $0.name != "seed" }.map { option in
            var option = option
            if option.name == "metric" { option.kind = .words(["learned", "identity"]) }
            if option.name == "potential" { option.kind = .words(["density", "none"]) }
            return option
        } + [
            OptionSpec("seeds", .numbers, "random seeds, separated by commas: one fit of each variant per seed", default: "0"),
            OptionSpec("on", .choice(["local", "ray"]), "where to fit: here, or one Ray job per fit", default: "local"),
            OptionSpec("cluster", .text, "the Ray dashboard's address, in quotes (its Jobs API)",
                       default: "RAY_API_SERVER_ADDRESS, else RAY_ADDRESS, else http://127.0.0.1:8265"),
            OptionSpec("store", .path, "a folder every Ray node can read and write, in quotes: the sweep's specs, data and models go in a new folder under it",
                       default: "HTI_STORE, else hti-store beside the notebook"),
            OptionSpec("retry", .integer(0...10), "on=ray: submit a failed or stopped job again, up to this many times", default: "0"),
            OptionSpec("cpus", .integer(1...256), "on=ray: CPUs Ray reserves for each fit", default: "1"),
            OptionSpec("refine", .integer(0...100), "score samples whose paths had this many least-action L-BFGS iterations (as `sample … refine=`)",
                       default: ModelCommands.refineDefault),
            OptionSpec("holdout", .numbers, "hold out these interior anchors of any data: fit on the others, score W2² at them beside the straight-line and nearest-anchor baselines", default: "the preset's task, else none"),
        ],
        examples: ["t = sweep d metric=learned,identity potential=density,none seeds=0,1,2,3,4 steps=300",
                   #"t = sweep d seeds=0,1 steps=200 on=ray cluster="http://127.0.0.1:8265" store="/shared/hti" retry=1"#,
                   "m = take t variant=K_theta-U seed=1"],
        producesValue: true
    ) { context, call in
        let data = try ModelCommands.marginals(call, context)
        let seeds = try (call.numbers("seeds") ?? [0]).map { value -> Int in
            guard value == value.rounded(), value >= 0, value <= Double(Int32.max) else {
                throw call.error("seeds are whole numbers from 0 to \(Int32.max), not \(Value.format(value))", at: call.options["seeds"]?.first)
            }
            return Int(value)
        }
        guard Set(seeds).count == seeds.count else { throw call.error("a seed is given twice", at: call.options["seeds"]?.first) }
        let plan = try Sweep(data: data, call: call, metrics: unique(call.words("metric") ?? ["learned"]),
                             potentials: unique(call.words("potential") ?? ["density"]), seeds: seeds)
        let onRay = call.text("on") == "ray"
        if !onRay {
            for option in ["cluster", "store", "retry", "cpus"] where call.has(option) {
                throw call.error("\(option)= is for sweeps on a cluster; add on=ray", at: call.options[option]?.first)
            }
        }
        var runner: RayFits?
        if onRay {
            let environment = ProcessInfo.processInfo.environment
            let address: URL
            do {
                address = try RayJobsClient.address(given: call.text("cluster"), environment: environment)
            } catch let error as RayJobsClient.InvalidAddress {
                throw call.error(error.description, at: call.options["cluster"]?.first, kind: .value)
            }
            let storeText = call.text("store") ?? environment["HTI_STORE"] ?? "hti-store"
            let ray = RayFits(client: RayJobsClient(address: address), store: context.resolve(path: storeText).standardizedFileURL,
                              retries: call.integer("retry") ?? 0, cpus: Double(call.integer("cpus") ?? 1))
            try ray.checkReachable()
            runner = ray
        }
        let view = SweepProgressView(output: context.output, title: "sweep of \(plan.jobs.count) fits on \(data.source)" + (onRay ? " (Ray)" : ""),
                                     labels: plan.jobs.map(\.label), counter: context.variables.count)
        let outcomes: [Sweep.Outcome]
        if let runner {
            outcomes = try runner.run(plan, view: view, context: context)
        } else {
            outcomes = try LocalFits.run(plan, view: view, label: "sweep", context: context)
            let failed = outcomes.filter { $0.model == nil }.count
            view.finish("sweep: \(outcomes.count - failed) of \(outcomes.count) fits done" + (failed > 0 ? ", \(failed) failed" : ""))
        }
        let result = try plan.result(outcomes, layout: .sweep, call: call, context: context, place: onRay ? "Ray" : nil)
        return .sweep(result)
    }

    static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    static let take = CommandSpec(
        name: "take",
        summary: "Take one fitted model out of a sweep, by its variant (as shown, or typed plainly: `K_θ−Û` is `K_theta-U`) and seed.",
        positionals: [PositionalSpec("sweep", .variable, "a sweep from `sweep`")],
        options: [
            OptionSpec("variant", .text, "the variant: K_θ−Û, K_θ, K_I−Û or K_I (or K_theta-U, K_theta, K_I-U, K_I)", default: "the sweep's only variant"),
            OptionSpec("seed", .integer(0...Int(Int32.max)), "the seed", default: "the sweep's only seed"),
        ],
        examples: ["m = take t variant=K_theta-U seed=2", "m = take t seed=0"],
        producesValue: true
    ) { context, call in
        guard case .sweep(let sweep) = try call.variable(at: 0, in: context.variables) else {
            throw call.error("`\(call.positionals[0].textValue)` holds no sweep; make one with `sweep`", at: call.positionals[0])
        }
        let variants = unique(sweep.fits.map(\.variant)), seeds = unique(sweep.fits.map { String($0.seed) })
        var chosen = sweep.fits
        if let wanted = call.text("variant") {
            chosen = chosen.filter { SweepResult.typeable($0.variant) == SweepResult.typeable(wanted) }
            guard !chosen.isEmpty else {
                throw call.error("no variant `\(wanted)` in this sweep; it has " + variants.map { "`\($0)`" }.joined(separator: ", "),
                                 at: call.options["variant"]?.first, kind: .value)
            }
        } else if variants.count > 1 {
            throw call.error("the sweep has \(variants.count) variants; say which with variant=… (" + variants.joined(separator: ", ") + ")")
        }
        if let seed = call.integer("seed") {
            chosen = chosen.filter { $0.seed == seed }
            guard !chosen.isEmpty else {
                throw call.error("no seed \(seed) in this sweep; its seeds are " + seeds.joined(separator: ", "),
                                 at: call.options["seed"]?.first, kind: .value)
            }
        } else if seeds.count > 1 {
            throw call.error("the sweep has seeds " + seeds.joined(separator: ", ") + "; say which with seed=…")
        }
        guard let fit = chosen.first else { throw call.error("the sweep has no fits", kind: .value) }
        guard let model = fit.model else {
            throw call.error("\(fit.variant) seed \(fit.seed) has no model: it failed (\(fit.failure ?? "no reason given"))", kind: .value)
        }
        return .model(model)
    }
}
