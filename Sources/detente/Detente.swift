import ArgumentParser
import Detente

/// The `detente` command: a thin root that lists the subcommands (one file each).
@main
struct DetenteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detente",
        abstract: "Equilibria, repeated games, negotiation and sensitivity analysis for models of rivalry and cooperation.",
        version: detenteVersion,
        subcommands: [SolveCommand.self, CheckCommand.self, ConvertCommand.self, SweepCommand.self, BatchCommand.self, MergeCommand.self, SlurmCommand.self]
    )
}
