// The Reports module. See docs/DESIGN.md §3.
import GameTheory
