// The umbrella module: re-exports every Detente library so `import Detente` is enough.
@_exported import LinearAlgebra
@_exported import GameTheory
@_exported import RepeatedGames
@_exported import Negotiation
@_exported import MarkovGames
@_exported import PolicyModels
@_exported import Analysis
@_exported import Reports
@_exported import PolicyAnalysis

/// The version recorded in every output file (provenance).
public let detenteVersion = "0.1.0"
