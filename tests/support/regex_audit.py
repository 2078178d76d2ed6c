"""Find regular expressions that Python's backtracking `re` runs in super-linear time.

Why our own: the analysers on PyPI that we tried (regexploit 1.0.0, redoctor 0.1.5) miss every
pattern that actually hung the workers (the byline rule, the credit rule, the quotation rule):
they skip bounded repeats such as `(?:\\s+Name){0,3}` and report nothing below cubic time.

The method is the standard one for backtracking matchers (Weideman et al., "Analyzing matching
time behavior of backtracking regular expression matchers by using ambiguous NFA", 2016): build
the pattern's automaton so that every way the matcher can try to read a text is a distinct path,
then look for ambiguity.

- Exponential: some state reaches itself by two different paths on the same word (`(a|a)*`,
  `(a*)*`, or `By Xand Xand ...` read as one name or as a name and "and").
- Polynomial: two different states p and q, and one word w on which p loops, p reaches q, and q
  loops (`\\s*\\s*x`, or `\\s+x` under `search`, which retries from every position).

Patterns are read as `search` uses them (the matcher retried at every position), which covers
`match`, `finditer`, `sub` and the rest. A loop whose states let the match succeed at once is
no blow-up (the matcher stops there: `\\w+`, `(a|a)*`), nor is a polynomial pump on which
any reading reaches such a state (each opening of "```.*?```" closes at the next one).

What the automaton does not model is over-approximated (a finding may be false; the timed
tests in test_linear_time.py back the analysis up): a lookahead is passed freely and its reading
counted as work where it is tried; a lookbehind (of fixed width) and `\\b` are passed freely;
bounded repeats are unrolled (over `MAX_UNROLL` copies they count as unbounded); atomic groups
count as plain groups. Possessive repeats of one character class (`\\s*+`, `[\\w ]++`) are
modelled exactly: they read the whole run, so what follows cannot start with a character of the
class. A loop whose iteration read nothing stops, as in `re`. Anchors `^`, `\\A` (without
MULTILINE) and `$`, `\\Z` are modelled; back-references and conditionals are refused.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_UNROLL = 100  # a bounded repeat over this many copies is treated as unbounded
MAX_EPSILON_STEPS = 200_000  # per pattern, to refuse patterns too big to analyse
MAX_STATES = 1_000_000  # likewise, states of the three-track search
# Characters tried for every class, beside those the pattern names: one of each kind that \w,
# \d, \s and the rest tell apart, in and out of ASCII.
READABLE = " aXx.,/'\"bBy"
SAMPLE = "aqZ5_ \t\n\r\x0b\xa0\u2003é\u00c9\u0663\u00b2—–-!.,;:/'\"“”‘’«»()[]&@#$%*+=?|\\~x☃\x00"


class Unsupported(ValueError):
    """The pattern uses a construct the analyser does not model (a back-reference, ...)."""


@dataclass(frozen=True)
class Finding:
    """One reason a pattern is super-linear, with text that makes it so."""

    kind: str  # "exponential" or "polynomial"
    prefix: str  # text that reaches the ambiguous part
    pump: str  # repeat this for the blow-up
    where: str  # the pattern's parts involved

    def attack(self, repeats: int, killer: str = "\x00") -> str:
        """A text on which the matcher backtracks: prefix, the pump repeated, then a killer."""
        return self.prefix + self.pump * repeats + killer


@dataclass
class _Node:
    mask: int = 0  # consuming node: the characters it reads (0: a free node)
    out: list[int] = field(default_factory=list)
    gate: str = ""  # "begin": only before anything is read; "end": nothing read after;
    # "assert": a lookaround or \\b, passed freely but never taken to accept the match
    forbid: int = 0  # on leaving through this node, the next character may not be one of these
    label: str = ""  # the part of the pattern, for reports


class _Automaton:
    """Thompson's construction over `re`'s parse tree, characters reduced to an alphabet."""

    def __init__(self, parsed: Any, flags: int, alphabet: str) -> None:
        self.nodes: list[_Node] = []
        self.alphabet = alphabet
        self.all = (1 << len(alphabet)) - 1
        # A loop's free edges, for `re`'s rule that an iteration reading nothing ends the loop.
        self.fresh: dict[tuple[int, int], int] = {}  # into the loop from before it
        self.enter: dict[tuple[int, int], int] = {}  # from the loop into its body
        self.back: dict[tuple[int, int], int] = {}  # from the body's end back to the loop
        self.initial = self._new()
        self.prefix = self._new(mask=self.all, label="(search retries at each position)")
        self.accept = self._new()
        entry, exit_ = self._sequence(list(parsed), flags)
        self.nodes[self.initial].out += [entry, self.prefix]
        self.nodes[self.prefix].out += [self.prefix, entry]
        self.nodes[exit_].out.append(self.accept)

    def _new(self, **kw: Any) -> int:
        self.nodes.append(_Node(**kw))
        return len(self.nodes) - 1

    def _free(self) -> tuple[int, int]:
        a = self._new()
        return a, a

    def _link(self, a: int, b: int) -> None:
        self.nodes[a].out.append(b)

    def _sequence(self, items: list[tuple[Any, Any]], flags: int) -> tuple[int, int]:
        entry, exit_ = self._free()
        for op, av in items:
            a, b = self._op(op, av, flags)
            self._link(exit_, a)
            exit_ = b
        return entry, exit_

    def _char(self, mask: int, label: str) -> tuple[int, int]:
        n = self._new(mask=mask, label=label)
        return n, n

    def _op(self, op: Any, av: Any, flags: int) -> tuple[int, int]:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            mask = self.mask(op, av, flags)
            return self._char(mask, self.describe(mask))
        if op is sre.SUBPATTERN:
            _group, add, remove, body = av
            return self._sequence(list(body), (flags | add) & ~remove)
        if op is sre.ATOMIC_GROUP:
            return self._sequence(list(av), flags)
        if op is sre.BRANCH:
            entry, exit_ = self._new(), self._new()
            for branch in av[1]:
                a, b = self._sequence(list(branch), flags)
                self._link(entry, a)
                self._link(b, exit_)
            return entry, exit_
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self._repeat(op, av, flags)
        if op is sre.AT:
            if av in (sre.AT_BEGINNING_STRING,) or (
                av is sre.AT_BEGINNING and not flags & re.MULTILINE
            ):
                n = self._new(gate="begin")
                return n, n
            if av in (sre.AT_END_STRING,) or (av is sre.AT_END and not flags & re.MULTILINE):
                n = self._new(gate="end")
                return n, n
            n = self._new(gate="assert")  # \b, \B, line anchors (over-approximated)
            return n, n
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            n = self._new(gate="assert")
            direction, body = av
            if direction == 1:  # a lookahead reads on: its reading is work done at that point
                a, b = self._sequence(list(body), flags)
                self._link(n, a)
                self._link(b, self._new())  # ... that leads nowhere
            return n, n  # (a lookbehind has a fixed width: constant work)
        raise Unsupported(f"{op} is not modelled")

    def _repeat(self, op: Any, av: Any, flags: int) -> tuple[int, int]:
        low, high, body = av
        body = list(body)
        entry, exit_ = self._free()
        unbounded = high is sre.MAXREPEAT or high - low > MAX_UNROLL
        for _ in range(low):
            a, b = self._sequence(body, flags)
            self._link(exit_, a)
            exit_ = b
        single = self._single_class(body, flags)
        if unbounded:
            loop = self._new()
            a, b = self._sequence(body, flags)
            self._link(exit_, loop)
            self._link(loop, a)
            self._link(b, loop)
            self.fresh[(exit_, loop)] = self.enter[(loop, a)] = self.back[(b, loop)] = loop
            done = self._new()
            self._link(loop, done)
            if op is sre.POSSESSIVE_REPEAT and single is not None:
                self.nodes[done].forbid = single  # the whole run is read: next is no member
            return entry, done
        # Bounded: (x(x(x)?)?)? for the optional copies.
        done = self._new()
        self._link(exit_, done)
        for _ in range(high - low):
            a, b = self._sequence(body, flags)
            self._link(exit_, a)
            exit_ = b
            self._link(exit_, done)
        return entry, done

    def _single_class(self, body: list[tuple[Any, Any]], flags: int) -> int | None:
        if len(body) == 1 and body[0][0] in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            return self.mask(body[0][0], body[0][1], flags)
        return None

    # Characters.

    def mask(self, op: Any, av: Any, flags: int) -> int:
        bits = 0
        for i, ch in enumerate(self.alphabet):
            if _matches(op, av, ch, flags):
                bits |= 1 << i
        return bits

    def describe(self, mask: int) -> str:
        chars = [c for i, c in enumerate(self.alphabet) if mask >> i & 1]
        if mask == self.all:
            return "any"
        text = "".join(chars)
        return repr(text if len(text) <= 12 else text[:12] + "…")

    def sample(self, mask: int) -> str:
        """The most readable character of the mask (the alphabet lists those first)."""
        return self.alphabet[(mask & -mask).bit_length() - 1] if mask else ""


def _variants(ch: str, flags: int) -> set[str]:
    if not flags & re.IGNORECASE:
        return {ch}
    return {v for v in (ch, ch.lower(), ch.upper(), ch.casefold()) if len(v) == 1}


def _category(cat: Any, ch: str, flags: int) -> bool:
    ascii_only = bool(flags & re.ASCII)
    name = cat.name.removeprefix("CATEGORY_")
    negate = name.startswith("NOT_")
    name = name.removeprefix("NOT_")
    if ascii_only and not ch.isascii():
        hit = False
    elif name == "DIGIT":
        hit = ch.isdecimal()
    elif name == "SPACE":
        hit = ch.isspace()
    elif name == "WORD":
        hit = ch.isalnum() or ch == "_"
    elif name == "LINEBREAK":
        hit = ch == "\n"
    else:
        raise Unsupported(f"category {cat}")
    return hit != negate


def _in_set(items: list[tuple[Any, Any]], ch: str, flags: int) -> bool:
    negate = bool(items) and items[0][0] is sre.NEGATE
    if negate:
        items = items[1:]
    hit = False
    for variant in _variants(ch, flags):
        for op, av in items:
            if op is sre.LITERAL:
                hit = hit or ord(variant) == av
            elif op is sre.RANGE:
                hit = hit or av[0] <= ord(variant) <= av[1]
            elif op is sre.CATEGORY:
                hit = hit or _category(av, variant, flags)
            else:
                raise Unsupported(f"{op} in a character set")
    return hit != negate


def _matches(op: Any, av: Any, ch: str, flags: int) -> bool:
    if op is sre.ANY:
        return bool(flags & re.DOTALL) or ch != "\n"
    if op is sre.LITERAL:
        return any(ord(v) == av for v in _variants(ch, flags))
    if op is sre.NOT_LITERAL:
        return not any(ord(v) == av for v in _variants(ch, flags))
    return _in_set(list(av), ch, flags)


def _alphabet(parsed: Any) -> str:
    """The sample characters plus every character the pattern names, and its neighbours."""
    chars = set(SAMPLE)

    def walk(items: Any) -> None:
        for op, av in items:
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                chars.update(_near(av))
            elif op is sre.RANGE:
                chars.update(_near(av[0]) | _near(av[1]))
            elif op is sre.IN:
                walk(av)
            elif op is sre.SUBPATTERN:
                walk(av[3])
            elif op is sre.ATOMIC_GROUP:
                walk(av)
            elif op is sre.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(av[1])

    walk(parsed)
    for ch in list(chars):  # both cases of every letter, for IGNORECASE
        chars.update(v for v in (ch.lower(), ch.upper()) if len(v) == 1)
    # Readable characters first: witnesses are spelt with the first character that fits.
    return "".join(sorted(chars, key=lambda c: (c not in READABLE, READABLE.find(c), c)))


def _near(code: int) -> set[str]:
    return {chr(c) for c in (code - 1, code, code + 1) if 0 <= c <= 0x10FFFF}


@dataclass
class _Edge:
    target: int
    mask: int


class _Graph:
    """The automaton without free moves: an edge per distinct free path, so ambiguity shows."""

    def __init__(self, auto: _Automaton) -> None:
        self.auto = auto
        self.steps = 0
        consuming = [i for i, n in enumerate(auto.nodes) if n.mask] + [auto.initial]
        self.edges: dict[int, list[_Edge]] = {s: self._closure(s) for s in consuming}
        # The states a blow-up may loop through: from any other the match succeeds at once.
        live = {s for s in consuming if not self.accepts(s)}
        self.live: dict[int, list[_Edge]] = {
            s: [e for e in self.edges[s] if e.target in live] for s in live
        }

    def _closure(self, state: int) -> list[_Edge]:
        """Every path of free moves from the state to a consuming node. As in `re`, a loop
        whose iteration read nothing is not iterated again (it goes on to what follows); a
        loop entered afresh (a new iteration of an outer loop) starts anew."""
        auto = self.auto
        nodes = auto.nodes
        found: list[_Edge] = []
        first = state == auto.initial
        # per loop: 1 = an iteration began on this path, 2 = one ended having read nothing
        fresh, enter, back = auto.fresh, auto.enter, auto.back

        def visit(n: int, loops: dict[int, int], forbid: int, ended: bool) -> None:
            self.steps += 1
            if self.steps > MAX_EPSILON_STEPS:
                raise Unsupported("too many paths to analyse")
            for m in nodes[n].out:
                node = nodes[m]
                if node.mask:
                    if not ended and node.mask & ~forbid:
                        found.append(_Edge(m, node.mask & ~forbid))
                    continue
                if node.gate == "begin" and not first:
                    continue
                edge = (n, m)
                state = loops
                if edge in fresh:
                    state = {**loops, fresh[edge]: 0}
                elif edge in enter:
                    if loops.get(enter[edge]) == 2:
                        continue
                    state = {**loops, enter[edge]: 1}
                elif edge in back and loops.get(back[edge]) == 1:
                    state = {**loops, back[edge]: 2}
                visit(m, state, forbid | node.forbid, ended or node.gate == "end")

        visit(state, {}, 0, False)
        return found

    def accepts(self, state: int) -> bool:
        """Whether the match succeeds from the state whatever follows (no `$`, lookaround or
        \\b on the way that could fail): a backtracking matcher stops there."""
        nodes = self.auto.nodes
        seen = {state}
        stack = [state]
        while stack:
            n = stack.pop()
            for m in nodes[n].out:
                if m == self.auto.accept:
                    return True
                node = nodes[m]
                if node.mask or node.gate or m in seen:
                    continue
                seen.add(m)
                stack.append(m)
        return False

    def sccs(self) -> dict[int, int]:
        """The live states' strongly connected components, as a map from state to component."""
        return _sccs(set(self.live), {s: [e.target for e in out] for s, out in self.live.items()})


def _sccs(nodes: set[Any], succ: dict[Any, list[Any]]) -> dict[Any, Any]:
    """Strongly connected components (Tarjan's, without recursion): node → component."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    comp: dict[Any, Any] = {}
    stack: list[Any] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        work = [(root, iter(succ.get(root, ())))]
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    work.append((w, iter(succ.get(w, ()))))
                    advanced = True
                    break
                if w not in comp:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    comp[w] = v
                    if w == v:
                        break
    return comp


class _Analysis:
    def __init__(self, graph: _Graph) -> None:
        self.g = graph
        self.auto = graph.auto

    def _word(self, masks: list[int]) -> str:
        return "".join(self.auto.sample(m) for m in masks)

    def _reach(self, target: int) -> list[int]:
        """The masks of a shortest path from the initial state to the target."""
        start = self.auto.initial
        parent: dict[int, tuple[int, int] | None] = {start: None}
        queue = deque([start])
        while queue:
            s = queue.popleft()
            if s == target:
                break
            for e in self.g.edges[s]:
                if e.target not in parent:
                    parent[e.target] = (s, e.mask)
                    queue.append(e.target)
        masks: list[int] = []
        s = target
        while parent.get(s) is not None:
            s, mask = parent[s]  # type: ignore[misc]
            masks.append(mask)
        return masks[::-1]

    def _prefix(self, state: int) -> str:
        """Text that leads from the start to the state (its own character included)."""
        return self._word(self._reach(state))

    def exponential(self) -> Finding | None:
        """A state reaching itself by two paths on one word: look in the product automaton for
        a component holding a pair (q, q) and a pair of different states, or two parallel
        edges from q to q."""
        edges = self.g.edges
        start = (self.auto.initial, self.auto.initial)
        succ: dict[tuple[int, int], list[tuple[int, int]]] = {}
        split: dict[tuple[int, int], list[tuple[tuple[int, int], int]]] = {}
        label: dict[tuple[tuple[int, int], tuple[int, int]], int] = {}
        seen = {start}
        queue = deque([start])
        while queue:
            pair = queue.popleft()
            a, b = pair
            out: list[tuple[int, int]] = []
            for i, e1 in enumerate(edges[a]):
                for j, e2 in enumerate(edges[b]):
                    mask = e1.mask & e2.mask
                    if not mask:
                        continue
                    nxt = (e1.target, e2.target)
                    if a == b and e1.target == e2.target and i != j:
                        split.setdefault(pair, []).append((nxt, mask))
                    out.append(nxt)
                    label.setdefault((pair, nxt), mask)
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append(nxt)
            succ[pair] = out
        live = self.g.live
        succ = {
            p: [n for n in out if n[0] in live and n[1] in live]
            for p, out in succ.items()
            if p[0] in live and p[1] in live
        }
        comp = _sccs(set(succ), succ)
        members: dict[Any, list[tuple[int, int]]] = {}
        for pair, c in comp.items():
            members.setdefault(c, []).append(pair)
        for group in members.values():
            diagonal = [p for p in group if p[0] == p[1]]
            if not diagonal:
                continue
            inside = set(group)
            apart = [p for p in group if p[0] != p[1]]
            forks = [(p, n) for p in diagonal for n, _ in split.get(p, []) if n in inside]
            if not apart and not forks:
                continue
            q = diagonal[0]
            pump = self._cycle(q, inside, succ, label, forks)
            nodes = self.auto.nodes
            where = ", ".join(sorted({nodes[p[0]].label for p in group} - {""}))
            return Finding("exponential", self._prefix(q[0]), pump, where)
        return None

    def _cycle(
        self,
        q: tuple[int, int],
        inside: set[tuple[int, int]],
        succ: dict[tuple[int, int], list[tuple[int, int]]],
        label: dict[tuple[tuple[int, int], tuple[int, int]], int],
        forks: list[tuple[tuple[int, int], tuple[int, int]]],
    ) -> str:
        """A word that leads from (q, q) through a pair of different states (or a fork) and
        back: each repeat doubles the ways to read the text."""
        goal_pairs = {p for p in inside if p[0] != p[1]}
        path_out = self._path(q, goal_pairs, inside, succ, label) if goal_pairs else None
        if path_out is None:
            fork_from, fork_to = forks[0]
            to_fork = ([], q) if fork_from == q else self._path(q, {fork_from}, inside, succ, label)
            masks = (to_fork or ([], q))[0] + [label[(fork_from, fork_to)]]
            back = ([], q) if fork_to == q else self._path(fork_to, {q}, inside, succ, label)
            return self._word(masks + (back or ([], q))[0])
        masks, middle = path_out
        back = self._path(middle, {q}, inside, succ, label) or ([], q)
        return self._word(masks + back[0])

    @staticmethod
    def _path(
        start: Any,
        goals: set[Any],
        inside: set[Any],
        succ: dict[Any, list[Any]],
        label: dict[tuple[Any, Any], int],
    ) -> tuple[list[int], Any] | None:
        """Masks of a shortest non-empty path from start to one of goals, within `inside`."""
        parent: dict[Any, tuple[Any, int]] = {}
        queue: deque[Any] = deque([start])
        while queue:
            s = queue.popleft()
            for n in succ.get(s, ()):
                if n not in inside or n in parent:
                    continue
                parent[n] = (s, label[(s, n)])
                if n in goals:
                    masks: list[int] = []
                    cur = n
                    while True:
                        prev, mask = parent[cur]
                        masks.append(mask)
                        if prev == start:
                            return masks[::-1], n
                        cur = prev
                queue.append(n)
        return None

    def polynomial(self) -> Finding | None:
        """States p != q and a word on which p loops, p reaches q and q loops: look for a path
        from (p, p, q) to (p, q, q) in the automaton run three times in step."""
        edges = self.g.live
        comp = self.g.sccs()
        cyclic = {s for s in edges if any(comp.get(e.target) == comp[s] for e in edges[s])}
        reach = {s: self._reachable(s) for s in cyclic}
        for p in sorted(cyclic):
            for q in sorted(cyclic):
                if p == q or q not in reach[p] or comp[p] == comp[q]:
                    continue
                between = {s for s in reach[p] if q in self._reachable(s) or s == q}
                word = self._triple(p, q, comp, between)
                if word is not None:
                    nodes = self.auto.nodes
                    where = f"{nodes[p].label} then {nodes[q].label}"
                    return Finding("polynomial", self._prefix(p), self._word(word), where)
        return None

    def _reachable(self, s: int) -> set[int]:
        cache = self.__dict__.setdefault("_reach_cache", {})
        if s not in cache:
            seen = {s}
            stack = [s]
            while stack:
                v = stack.pop()
                for e in self.g.live[v]:
                    if e.target not in seen:
                        seen.add(e.target)
                        stack.append(e.target)
            cache[s] = seen
        return cache[s]  # type: ignore[no-any-return]

    def _triple(self, p: int, q: int, comp: dict[int, int], between: set[int]) -> list[int] | None:
        """A word taking p to p, p to q and q to q (three tracks in step), on which no path
        from p or q meets a state where the match succeeds (which would end the search)."""
        live, edges = self.g.live, self.g.edges
        start = (p, p, q, frozenset({p, q}))
        parent: dict[tuple[int, int, int, frozenset[int]], tuple[Any, int]] = {}
        steps: dict[tuple[frozenset[int], int], frozenset[int] | None] = {}
        queue: deque[tuple[int, int, int, frozenset[int]]] = deque([start])
        while queue:
            state = queue.popleft()
            a, b, c, active = state
            if (a, b, c) == (p, q, q) and state != start:
                masks: list[int] = []
                cur = state
                while cur != start or not masks:
                    cur, bit = parent[cur]
                    masks.append(1 << bit)
                return masks[::-1]
            for e1 in live[a]:
                if comp.get(e1.target) != comp[p]:
                    continue
                for e2 in live[b]:
                    if e2.target not in between or not e1.mask & e2.mask:
                        continue
                    for e3 in live[c]:
                        mask = e1.mask & e2.mask & e3.mask
                        if not mask or comp.get(e3.target) != comp[q]:
                            continue
                        for bit in _bits(mask):
                            key = (active, bit)
                            if key not in steps:
                                after = {
                                    e.target for s in active for e in edges[s] if e.mask >> bit & 1
                                }
                                steps[key] = frozenset(after) if after <= live.keys() else None
                            moved = steps[key]
                            if moved is None:
                                continue
                            nxt = (e1.target, e2.target, e3.target, moved)
                            if nxt not in parent:
                                parent[nxt] = (state, bit)
                                queue.append(nxt)
            if len(parent) > MAX_STATES:
                raise Unsupported("too many states to analyse")
        return None


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def analyse(pattern: str | re.Pattern[str], flags: int = 0) -> list[Finding]:
    """Return why the pattern can take super-linear time (empty when it cannot)."""
    if isinstance(pattern, re.Pattern):
        flags |= pattern.flags
        source = pattern.pattern
    else:
        source = pattern
    if isinstance(source, bytes):
        source = source.decode("latin-1")
        flags &= ~re.UNICODE
        flags |= re.ASCII
    parsed = sre_parse.parse(source, flags)
    flags |= parsed.state.flags
    return list(_findings(list(parsed), flags))


def _findings(items: list[Any], flags: int) -> Iterator[Finding]:
    analysis = _Analysis(_Graph(_Automaton(items, flags, _alphabet(items))))
    found = analysis.exponential() or analysis.polynomial()
    if found is not None:
        yield found
