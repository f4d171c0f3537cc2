import Testing
@testable import PolicyAnalysis
