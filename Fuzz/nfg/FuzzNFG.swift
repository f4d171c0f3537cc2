// libFuzzer target: the Gambit .nfg reader (GameTheory.NFGReader).
//
// Invariants: never crash; an accepted game has consistent shapes and finite payoffs, its
// exact payoffs (when kept) convert to the floating-point ones, and it survives a round trip
// through NFGWriter unchanged; a rejected file gets an error positioned inside the input.
import GameTheory

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNFG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    do {
        let game = try NFGReader(path: "fuzz.nfg").read(bytes)
        checkGame(game)
        let written = NFGWriter().write(game)
        do {
            let again = try NFGReader(path: "written.nfg").read(text: written)
            require(again.shape == game.shape, "round trip changed the shape \(game.shape) → \(again.shape)")
            require(again.payoffTable == game.payoffTable, "round trip changed the payoffs")
            require(again.players == game.players && again.actions == game.actions,
                    "round trip changed the names: \(game.players) \(game.actions) → \(again.players) \(again.actions)")
        } catch {
            fatalError("invariant violated: NFGWriter output is rejected by NFGReader: \(error)\n\(written)")
        }
    } catch {
        require(positionIsInside(line: error.line, column: error.column, of: bytes),
                "error position outside the input: \(error)")
    }
    return 0
}
