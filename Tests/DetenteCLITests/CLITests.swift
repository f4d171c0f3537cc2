import Testing
@testable import detente

@Suite struct CLIParsingTests {
    @Test func rootCommandHasVersion() {
        #expect(!DetenteCommand.configuration.version.isEmpty)
    }
}
