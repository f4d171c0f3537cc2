// The PolicyModels module. See docs/DESIGN.md §3.
import GameTheory
