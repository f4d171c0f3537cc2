import ArgumentParser
import Detente

/// `detente solve`: the Nash equilibria of games, and the regimes of policy models.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Compute the Nash equilibria of games (.nfg, .json) and solve policy models (.yaml).",
        discussion: """
        Every equilibrium printed is verified: its regret (the largest gain any player gets \
        by deviating) is computed from the game and printed; in exact arithmetic it is 0.

        A model (.yaml, see docs/MODEL_FORMAT.md) is solved at the baseline and at every \
        scenario it defines, or only at the scenarios named by --scenario ("baseline" names \
        the baseline). Per scenario: each domain's stage equilibria, its cooperative profile's \
        critical discount factor alone and linked, the regime (full cooperation, managed \
        competition, decoupling; linkage-dependent or not) and, when the model has \
        negotiation settings, the negotiated package (agreed scope, who concedes what); when \
        it has states, all pure stationary Markov perfect equilibria with the long-run share \
        of time in each state, the probability of reaching each (within 10, 25, 50 periods \
        and eventually) and the expected periods until it is reached. \
        --set overrides parameters in every scenario solved; --delta replaces the discount \
        factors (one common value, or one per player: --delta 0.9,0.8). For two players each \
        domain also gets its SPE payoff set (Abreu–Sannikov) and the optimal-penal-code \
        threshold of its cooperative profile, when the discount factors are common.

        A two-player game with --delta X gets a repeated-game section: minmax values, the \
        pure-strategy SPE payoff set with public randomisation (Abreu–Sannikov 2014) and the \
        critical discount factors (Nash reversion to each stage equilibrium, optimal penal \
        codes) of every pure profile that Pareto-improves on a stage equilibrium, or of \
        --target ROW,COL.

        Examples:
          detente solve game.nfg
          detente solve game.nfg --method pure
          detente solve game.json --method vertex-enumeration --components
          detente solve game.nfg --arithmetic float --format json
          detente solve a.nfg b.json --format csv --output equilibria.csv
          detente solve game.nfg --format latex --output table.tex
          detente solve Models/us-china-st-agreement.yaml
          detente solve Models/us-china-technology.yaml --scenario 2023-securitised --format json
          detente solve Models/us-china-st-agreement.yaml --set o_us=12 --set delta=0.6
          detente solve Models/relative-gains.yaml --delta 0.8 --format csv
          detente solve Models/decoupling-dynamics.yaml --set e=3.5 --set c=0 --format json
          detente solve pd.json --delta 0.9 --format json
          detente solve pd.json --delta 0.9 --target Cooperate,Cooperate

        Methods (games): auto (two players: all extreme equilibria; more players: all pure \
        equilibria), pure, vertex-enumeration, support-enumeration, lemke-howson; for any \
        number of players logit, global-newton, fictitious-play, replicator, \
        best-response-dynamics (mixed equilibria plus all pure ones), enumpoly (every isolated \
        equilibrium of a small game: support enumeration with polynomial homotopy), simpdiv \
        (simplicial subdivision from --start: first, every player's first action, by default, \
        centroid, or a profile such as '1/2,1/2;1/3,1/3,1/3'; grids refined until the regret is \
        below --tolerance, 1e-9 by default); zero-sum (value and \
        optimal strategies by LP); correlated and coarse-correlated (the equilibrium \
        distribution maximising --objective, by LP; --vertices lists the polytope's vertices); \
        dominance (iterated elimination, --dominance strict|weak, --mixed for mixed dominators).
          detente solve chicken.nfg --method correlated --objective player:1 --vertices
          detente solve rps.nfg --method zero-sum
          detente solve three.nfg --method simpdiv --start centroid --tolerance 1e-6
          detente solve game.nfg --method dominance --dominance weak --mixed
        Formats: text (default), json (one object per game or model scenario, an array for \
        several), markdown, latex (booktabs table), csv (games: one row per equilibrium, \
        player and action; models: one row per scenario and domain).
        Errors go to standard error as PATH:LINE:COLUMN: message (or PATH: message); the \
        exit status is 1 when any file fails.
        """
    )

    @Argument(help: ArgumentHelp("Game files (.nfg or .json) and model files (.yaml), e.g. games/pd.nfg Models/us-china-st-agreement.yaml.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Method for games: auto, pure, vertex-enumeration, support-enumeration, lemke-howson, logit, global-newton, fictitious-play, replicator, best-response-dynamics, enumpoly, simpdiv, zero-sum, correlated, coarse-correlated or dominance (e.g. --method pure).", valueName: "method"))
    var method: SolveMethod = .auto

    @Option(help: ArgumentHelp("Arithmetic for games: exact (rational, the default for games with exact payoffs) or float (e.g. --arithmetic float).", valueName: "arithmetic"))
    var arithmetic: ArithmeticChoice = .exact

    @Flag(help: "Also report the maximal Nash subsets (convex components), where the method computes them (e.g. --components).")
    var components = false

    @OptionGroup var conceptOptions: ConceptOptions

    @OptionGroup var simpdivOptions: SimplicialSubdivisionOptions

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var repeatedOptions: RepeatedOptions

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        let hasModel = files.contains { (try? InputKind(path: $0)).map { if case .model = $0 { true } else { false } } ?? false }
        if !hasModel && !(modelOptions.scenario.isEmpty && modelOptions.set.isEmpty) {
            throw ValidationError("--scenario and --set apply to model files (.yaml); none was given")
        }
        let hasGame = files.contains { (try? InputKind(path: $0)).map { if case .game = $0 { true } else { false } } ?? false }
        if repeatedOptions.target != nil && !hasGame {
            throw ValidationError("--target names a profile of a game's repeated game; no game file (.nfg or .json) was given")
        }
        if repeatedOptions.target != nil && modelOptions.delta == nil {
            throw ValidationError("--target names a profile of the repeated game; give --delta too (e.g. --delta 0.9 --target C,C)")
        }
        _ = try modelOptions.assignments()
        try conceptOptions.check(method)
        try simpdivOptions.check(method)
    }

    func run() throws {
        var solved = [SolvedInput]()
        var failed = false
        for path in files {
            do {
                switch try InputKind(path: path) {
                case .model:
                    solved.append(.model(path: path, reports: try modelOptions.solve(path: path)))
                case .game(let format):
                    let game = try format.read(try readFileBytes(atPath: path), path: path)
                    var result = try method.solve(game, source: path, arithmetic: arithmetic.arithmetic, options: conceptOptions,
                                                    simpdiv: simpdivOptions)
                    if components && result.report.components == nil {
                        result.report.notes.append("components were requested but method \(result.report.method) does not compute them")
                    }
                    result.repeated = try modelOptions.delta.map {
                        try repeatedOptions.summary(game: game, report: result.report, delta: $0, path: path)
                    }
                    solved.append(.game(result))
                }
            } catch let error as GameFileError {
                printError(error.description)
                failed = true
            } catch let error as ModelDiagnostics {
                printError(error.description)
                failed = true
            } catch {
                printError("\(path): \(error)")
                failed = true
            }
        }
        if !solved.isEmpty {
            do {
                try emit(ModelOutput.render(solved, format: outputOptions.format), to: outputOptions.output)
            } catch {
                printError(error.description)
                throw ExitCode.failure
            }
        }
        if failed { throw ExitCode.failure }
    }
}

/// The options that apply to model files: scenarios, parameter overrides, discount factor.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Solve a model at this scenario only; repeat for several, 'baseline' for the baseline (e.g. --scenario 2023-securitised). Default: the baseline and every scenario.", valueName: "name"))
    var scenario: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a model parameter, NAME=VALUE; repeatable (e.g. --set o_us=12).", valueName: "name=value"))
    var set: [String] = []

    @Option(help: ArgumentHelp("Discount factor in (0, 1): for models, replaces the model's (one common value, or one per player, e.g. --delta 0.9,0.8); for two-player games, adds the repeated game at this δ (e.g. --delta 0.9).", valueName: "x"))
    var delta: DiscountFactorOption?

    var isEmpty: Bool { scenario.isEmpty && set.isEmpty && delta == nil }

    /// The parsed `--set` arguments; a malformed one is a usage error naming it.
    func assignments() throws -> [ParameterAssignment] {
        do {
            return try set.map { a throws(ParameterAssignmentError) in try ParameterAssignment(parsing: a) }
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Reads and solves one model file at the requested scenarios.
    func solve(path: String) throws -> [ModelReport] {
        let model = try loadModel(path: path)
        do {
            return try solveScenarios(model: model, scenarios: scenario, assignments: try assignments(),
                                      delta: delta?.common, perPlayerDeltas: delta?.common == nil ? delta?.values : nil)
        } catch let error as ModelSolveError {
            // Markov states invalid at the --set values: PATH:LINE:COLUMN diagnostics.
            if case .invalidStates(let problems) = error { throw ModelDiagnostics(problems) }
            throw GameFileError.file(path, error.description)
        }
    }
}
