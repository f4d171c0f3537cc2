// libFuzzer target: the game JSON reader (GameTheory.GameJSONReader).
//
// Invariants: never crash; an accepted game has consistent shapes and finite payoffs and
// survives a round trip through GameJSONWriter unchanged; a rejected file gets an error
// positioned inside the input.
import GameTheory

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGameJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    do {
        let game = try GameJSONReader(path: "fuzz.json").read(bytes)
        checkGame(game)
        let written = GameJSONWriter().write(game)
        do {
            let again = try GameJSONReader(path: "written.json").read(text: written)
            require(again.shape == game.shape, "round trip changed the shape \(game.shape) → \(again.shape)")
            require(again.payoffTable == game.payoffTable, "round trip changed the payoffs")
            require(again.players == game.players && again.actions == game.actions,
                    "round trip changed the names: \(game.players) \(game.actions) → \(again.players) \(again.actions)")
        } catch {
            fatalError("invariant violated: GameJSONWriter output is rejected by GameJSONReader: \(error)\n\(written)")
        }
    } catch {
        require(positionIsInside(line: error.line, column: error.column, of: bytes),
                "error position outside the input: \(error)")
    }
    return 0
}
