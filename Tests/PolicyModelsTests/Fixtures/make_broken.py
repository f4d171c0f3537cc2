#!/usr/bin/env python3
"""Writes the broken-model corpus (Fixtures/broken/*.yaml) from one valid base model.

Each file ends with `# expect: LINE:COLUMN: message` comment lines: the exact diagnostics
`check` must report (the test prefixes the file's path). Expectations are written by hand
from the file text, not copied from the program's output. Rerun after editing a case.
"""
import os

BASE = """format: 1
title: Broken
players: [A, B]
parameters:
  R: 3
  T: {value: 5, bounds: [0, 10]}
  S: 0
  P: 1
  delta: 0.9
discount: delta
domains:
  pd:
    actions: [C, D]
    payoffs:
      C, C: [R, R]
      C, D: [S, T]
      D, C: [T, S]
      D, D: [P, P]
    cooperative: [C, C]
"""

def base():
    return BASE.splitlines()

def replace(n, text):
    def f(lines):
        lines[n - 1] = text
        return lines
    return f

def delete(n):
    def f(lines):
        del lines[n - 1]
        return lines
    return f

def append(text):
    def f(lines):
        return lines + text.splitlines()
    return f

def chain(*fs):
    def f(lines):
        for g in fs:
            lines = g(lines)
        return lines
    return f

STATES = """states:
  initial: calm
  list:
    calm:
      transitions:
        "*": {calm: 0.9, tense: 0.1}
    tense:
      transitions:
        C, C: {calm: 0.5, tense: 0.5}
        "*": {tense: 1}"""

CASES = [
    ("unknown-parameter", "a payoff names a parameter that does not exist",
     replace(16, "      C, D: [S, Tt]"),
     ["16:17: in payoff of B at (C, D): unknown parameter 'Tt'; did you mean 'T'?"]),
    ("payoff-three-entries", "a payoff lists three numbers for two players",
     replace(16, "      C, D: [S, T, 1]"),
     ["16:13: payoff for (C, D) has 3 entries; the model has 2 players"]),
    ("missing-profile", "a profile has no payoff",
     delete(18),
     ["15:7: domain 'pd' has no payoff for (D, D)"]),
    ("cooperative-unknown-action", "the cooperative profile names an unknown action",
     replace(19, "    cooperative: [C, Cooperate]"),
     ["19:18: unknown action 'Cooperate' for B in domain 'pd'"]),
    ("cooperative-typo", "the cooperative profile has a near-miss action name",
     chain(replace(13, "    actions: [Open, Restrict]"), replace(15, "      Open, Open: [R, R]"),
           replace(16, "      Open, Restrict: [S, T]"), replace(17, "      Restrict, Open: [T, S]"),
           replace(18, "      Restrict, Restrict: [P, P]"), replace(19, "    cooperative: [Open, Opne]")),
     ["19:18: unknown action 'Opne' for B in domain 'pd'; did you mean 'Open'?"]),
    ("cooperative-wrong-length", "the cooperative profile names one action",
     replace(19, "    cooperative: [C]"),
     ["19:18: cooperative profile a list names 1 action; the model has 2 players"]),
    ("delta-above-one", "the baseline discount factor is above one",
     replace(9, "  delta: 1.2"),
     ["10:11: the discount factor is 1.2; it must lie strictly between 0 and 1"]),
    ("delta-in-scenario", "a scenario sets the discount factor to one",
     append("scenarios:\n  patient:\n    set: {delta: 1}"),
     ["22:18: the discount factor is 1 in scenario 'patient'; it must lie strictly between 0 and 1"]),
    ("scenario-division-by-zero", "a scenario value makes a payoff divide by zero",
     chain(replace(15, "      C, C: [R / (P - 1) + 4, R]"), replace(8, "  P: 2"),
           append("scenarios:\n  crisis:\n    set: {P: 1}")),
     ["15:16: payoff of A at (C, C) in domain 'pd' divides by zero in scenario 'crisis'"]),
    ("scenario-discount-zero", "a scenario overrides the discount factor with zero",
     append("scenarios:\n  myopic:\n    discount: 0"),
     ["22:15: the discount factor is 0 in scenario 'myopic'; it must lie strictly between 0 and 1"]),
    ("division-by-zero", "a payoff divides by zero at the baseline",
     replace(15, "      C, C: [R / (P - 1), R]"),
     ["15:16: payoff of A at (C, C) in domain 'pd' divides by zero at the baseline parameters"]),
    ("log-of-negative", "a payoff takes the log of a negative number",
     replace(18, "      D, D: [P, log(S - 1)]"),
     ["18:17: payoff of B at (D, D) in domain 'pd' takes log of a non-positive number (-1) at the baseline parameters"]),
    ("sqrt-of-negative", "a payoff takes the square root of a negative number",
     replace(18, "      D, D: [P, 2 * sqrt(S - P)]"),
     ["18:21: payoff of B at (D, D) in domain 'pd' takes sqrt of a negative number (-1) at the baseline parameters"]),
    ("duplicate-parameter", "a parameter is defined twice (a YAML duplicate key)",
     replace(7, "  R: 0"),
     ["5:3: duplicate key 'R' in a mapping"]),
    ("duplicate-action", "an action name repeats",
     replace(13, "    actions: [C, C]"),
     ["13:18: duplicate action 'C' (first at line 13)"]),
    ("duplicate-player", "a player name repeats",
     replace(3, "players: [A, A]"),
     ["3:14: duplicate player 'A' (first at line 3)"]),
    ("duplicate-profile", "one profile is written twice with different spacing",
     replace(18, "      C,C: [P, P]"),
     ["15:7: domain 'pd' has no payoff for (D, D)",
      "18:7: duplicate payoff for (C, C) in domain 'pd' (first at line 15)"]),
    ("yaml-unclosed-bracket", "a flow sequence is never closed",
     replace(15, "      C, C: [R, R"),
     ["17:7: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 15, column 13)"]),
    ("yaml-bad-indentation", "a key is indented inconsistently",
     replace(14, "   payoffs:"),
     ["14:4: YAML syntax error: did not find expected key (while parsing a block mapping at line 12, column 3)"]),
    ("missing-format", "the format line is missing",
     delete(1),
     ["1:1: missing 'format: 1'"]),
    ("unsupported-format", "a future format version",
     replace(1, "format: 2"),
     ["1:9: unsupported format 2; this version of Detente reads format 1"]),
    ("unknown-top-level-key", "'domain' instead of 'domains'",
     replace(11, "domain:"),
     ["1:1: missing 'domains'",
      "11:1: unknown key 'domain' in the model; did you mean 'domains'?"]),
    ("value-outside-bounds", "a parameter value lies outside its bounds",
     replace(6, "  T: {value: 12, bounds: [0, 10]}"),
     ["6:3: value 12 of parameter 'T' is outside its bounds [0, 10]"]),
    ("reversed-bounds", "bounds are written high to low",
     replace(6, "  T: {value: 5, bounds: [10, 0]}"),
     ["6:25: bounds of parameter 'T' are reversed: 10 > 0"]),
    ("scenario-unknown-parameter", "a scenario overrides a misspelt parameter",
     append("scenarios:\n  high:\n    set: {Rr: 2}"),
     ["22:11: unknown parameter 'Rr' in scenario 'high'; did you mean 'R'?"]),
    ("scenario-outside-bounds", "a scenario sets a value outside the bounds",
     append("scenarios:\n  tempting:\n    set: {T: 11}"),
     ["22:14: value 11 of parameter 'T' in scenario 'tempting' is outside its bounds [0, 10]"]),
    ("scenario-baseline-name", "a scenario uses the reserved name baseline",
     append("scenarios:\n  baseline:\n    set: {R: 2}"),
     ["21:3: 'baseline' is reserved for the parameter values themselves; choose another scenario name"]),
    ("negotiation-weights-sum", "bargaining weights do not sum to one",
     append("negotiation:\n  solution: nash\n  weights: [0.6, 0.6]"),
     ["22:12: weights sum to 1.2, not 1"]),
    ("negotiation-unknown-solution", "a misspelt bargaining solution",
     append("negotiation:\n  solution: kalai-smorodinski"),
     ["21:13: unknown solution 'kalai-smorodinski'; did you mean 'kalai-smorodinsky'?"]),
    ("negotiation-disagreement-length", "a disagreement point with three entries",
     append("negotiation:\n  disagreement: [0, 0, 0]"),
     ["21:17: disagreement point has 3 entries; the model has 2 players"]),
    ("negotiation-outside-option-player", "an outside option for a player not in the model",
     append("negotiation:\n  outside_options:\n    A: 1\n    China: 2"),
     ["23:5: unknown player 'China'"]),
    ("states-row-sum", "transition probabilities that do not sum to one",
     append(STATES.replace("{calm: 0.9, tense: 0.1}", "{calm: 0.8, tense: 0.1}")),
     ["25:14: transition probabilities from 'calm' in the \"*\" row sum to 0.9, not 1"]),
    ("states-negative-probability", "a negative transition probability",
     append(STATES.replace("{calm: 0.5, tense: 0.5}", "{calm: 1.5, tense: -0.5}")),
     ["28:22: probability of moving from 'tense' to 'calm' after (C, C) is 1.5; it must lie in [0, 1]",
      "28:34: probability of moving from 'tense' to 'tense' after (C, C) is -0.5; it must lie in [0, 1]"]),
    ("states-unknown-state", "a transition to a state that does not exist",
     append(STATES.replace("\"*\": {tense: 1}", "\"*\": {tens: 1}")),
     ["29:15: unknown state 'tens'; did you mean 'tense'?"]),
    ("states-missing-row", "a state without a row for every profile",
     append(STATES.replace("        \"*\": {tense: 1}", "")),
     ["28:9: state 'tense' has no transition for (D, C); list every profile or add a \"*\" row"]),
    ("states-no-stage-game", "a state declared with nothing: no stage game, no transitions",
     append(STATES + "\n    frozen:"),
     ["30:5: state 'frozen' has no stage game and no transitions; give it 'transitions:' (and 'payoffs:' unless domain 'pd''s payoffs apply)"]),
    ("states-empty-payoffs", "a state whose stage game is empty",
     append(STATES.replace("    tense:\n      transitions:", "    tense:\n      payoffs: {}\n      transitions:")),
     ["27:16: state 'tense' has no stage game: its 'payoffs:' is empty; list every profile's payoffs or omit 'payoffs:' to use domain 'pd''s"]),
    ("payoff-key-one-action", "a payoff key names one action",
     replace(15, "      C: [R, R]"),
     ["15:7: payoff key 'C' names 1 action; the model has 2 players"]),
    ("payoff-key-unknown-action", "a payoff key names an unknown action",
     replace(16, "      C, X: [S, T]"),
     ["16:7: unknown action 'X' for B in domain 'pd'"]),
    ("expression-syntax", "an unfinished expression",
     replace(15, "      C, C: [R +, R]"),
     ["15:17: in payoff of A at (C, C): expression ends where a number, name or '(' was expected"]),
    ("quoted-expression", "an error inside a quoted expression keeps its column",
     replace(15, "      C, C: [\"R * (1 + T\", R]"),
     ["15:19: in payoff of A at (C, C): unclosed '('"]),
    ("discount-missing-player", "per-player discount factors without B",
     replace(10, "discount: {A: delta}"),
     ["10:11: discount factors are missing for B; give one per player or a single common one"]),
    ("discount-unknown-player", "a discount factor for an unknown player",
     replace(10, "discount: {A: delta, B: delta, C: delta}"),
     ["10:32: unknown player 'C'"]),
    ("parameter-named-function", "a parameter named like a function",
     replace(9, "  delta: 0.9\n  exp: 0"),
     ["10:3: parameter name 'exp' is the name of a function"]),
    ("players-not-a-list", "players given as a single name",
     replace(3, "players: A"),
     ["3:10: players must be a list, found 'A'"]),
    ("domain-without-actions", "a domain with no actions",
     delete(13),
     ["12:3: domain 'pd' has no 'actions'"]),
    ("several-errors", "three independent errors, all reported in one run",
     chain(replace(15, "      C, C: [R, Rr]"), replace(17, "      D, C: [T]"), replace(19, "    cooperative: [C, E]")),
     ["15:17: in payoff of B at (C, C): unknown parameter 'Rr'; did you mean 'R'?",
      "17:13: payoff for (D, C) has 1 entry; the model has 2 players",
      "19:18: unknown action 'E' for B in domain 'pd'"]),
    ("empty-file", "an empty file",
     lambda lines: [],
     ["1:1: the file is empty; a model needs format, title, players and domains"]),
]

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "broken")
os.makedirs(out, exist_ok=True)
for f in os.listdir(out):
    if f.endswith(".yaml"):
        os.remove(os.path.join(out, f))
for name, desc, transform, expected in CASES:
    lines = transform(base())
    text = "\n".join(lines) + ("\n" if lines else "")
    text += f"# Broken on purpose: {desc}.\n"
    text += "".join(f"# expect: {e}\n" for e in expected)
    with open(os.path.join(out, name + ".yaml"), "w") as fh:
        fh.write(text)
print(len(CASES), "broken models written")
