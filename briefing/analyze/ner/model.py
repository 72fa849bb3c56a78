"""Fast decoding of the shipped CRF: the model's weights in numpy, Viterbi in numpy.

crfsuite looks every feature string up for every token, which is most of the time spent
tagging. A linear-chain CRF's label score at a token is a sum of feature weights, so the
features that depend on one word only (its own, and what it lends its neighbours) can be
summed once per distinct word and reused: `Weights.row` caches such sums as rows of
a table, and a token's scores are the sum of a few rows. The decoded labels are those of
`pycrfsuite.Tagger.tag` on the same features (up to the weights' 6 printed decimals).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat

import numpy as np

# Rows of cached sums kept at most; beyond it the cache starts again (a long-running
# process meets an unbounded vocabulary).
MAX_ROWS = 400_000
CHUNK = 256  # sentences decoded at once


class Weights:
    """State and transition weights of a crfsuite model, and a table of cached sums."""

    def __init__(self, path: str) -> None:
        import pycrfsuite  # imported here: no work at import time

        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        index = {label: i for i, label in enumerate(self.labels)}
        size = len(self.labels)
        self.state: dict[str, int] = {}  # attribute -> row of `self.weights`
        for attr, _ in info.state_features:
            self.state.setdefault(attr, len(self.state))
        self.weights = np.zeros((len(self.state) + 1, size))  # last row: zeros
        for (attr, label), w in info.state_features.items():
            self.weights[self.state[attr], index[label]] = w
        # A word's feature f brings weights to its own token ("f") and, through the
        # window features "-2:f" ... "2:f", to its neighbours'. `self.lend` holds them all
        # side by side (5 x labels per feature), so a new word's five rows are one sum.
        slots = {"-2": 1, "-1": 2, "1": 3, "2": 4}
        base_of: dict[str, int] = {}
        entries = []
        for (attr, label), w in info.state_features.items():
            head, sep, base = attr.partition(":")
            slot = slots.get(head) if sep else None
            if slot is None:
                slot, base = 0, attr
            entries.append((base_of.setdefault(base, len(base_of)), slot * size + index[label], w))
        self.lend_index = base_of
        self.lend = np.zeros((len(base_of) + 1, 5 * size))  # last row: zeros
        for row, col, w in entries:
            self.lend[row, col] = w
        # Left words of the bigram features the model kept ("bi-1=core=X|core=Y" -> "core=X").
        self.bigram_lefts = frozenset(a[5:].split("|", 1)[0] for a in self.state if a.startswith(("bi-1=", "bi+1=")))
        self.trans = np.zeros((size, size))
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self._reset()

    def _reset(self) -> None:
        self.table = np.zeros((1024, len(self.labels)))  # row 0 stays zero
        self.used = 1
        self.rows: dict[object, int] = {}
        self.words: dict[str, tuple] = {}  # for the caller: per-word rows and facts
        for attr in self.state:  # every single feature, so lookups of one never miss
            self.row(attr)

    def start_document(self) -> None:
        """Start the cache again if it grew too big (between documents only: rows
        handed out earlier stay valid until then)."""
        if self.used >= MAX_ROWS:
            self._reset()

    def row(self, key: object, features: Iterable[str] | None = None) -> int:
        """Row holding the summed weights of `features`, cached under `key` (features
        default to the key itself, a single feature string)."""
        r = self.rows.get(key)
        if r is not None:
            return r
        return self.add_rows([(key, [key] if features is None else features)])[0]

    def add_rows(self, items: list[tuple[object, Iterable[str]]]) -> list[int]:
        """Rows for many (key, features) at once, all summed in one numpy call: a new
        article brings some tens of new words, five rows each."""
        get = self.state.get
        out: list[int] = []
        ids: list[int] = []
        bounds: list[int] = []
        pending: list[tuple[int, object]] = []
        for key, features in items:
            r = self.rows.get(key)
            if r is None:
                found = [i for i in map(get, features) if i is not None]
                if found:
                    pending.append((len(out), key))
                    bounds.append(len(ids))
                    ids += found
                else:
                    r = self.rows[key] = 0
            out.append(r)
        if pending:
            sums = np.add.reduceat(self.weights[ids], bounds, axis=0)
            while self.used + len(pending) > len(self.table):
                self.table = np.concatenate([self.table, np.zeros_like(self.table)])
            self.table[self.used : self.used + len(pending)] = sums
            for n, (pos, key) in enumerate(pending):
                out[pos] = self.rows[key] = self.used + n
            self.used += len(pending)
        return out

    def word_rows(self, features: list[Iterable[str]]) -> list[tuple[int, int, int, int, int]]:
        """For each word (given its own features), five rows: the weights of its own
        features, and those it lends to the words 2 and 1 before it, 1 and 2 after.
        A word's five rows follow each other (first, first + 1, ... first + 4)."""
        if not features:
            return []
        zero = len(self.lend_index)
        flat: list[str | None] = []
        bounds: list[int] = []
        for feats in features:
            bounds.append(len(flat))
            flat += feats
            flat.append(None)  # so no word has an empty run (None: the zero row)
        ids = np.fromiter(map(self.lend_index.get, flat, repeat(zero)), dtype=np.intp, count=len(flat))
        sums = np.add.reduceat(self.lend[ids], bounds, axis=0).reshape(-1, len(self.labels))
        first = self.used
        while self.used + len(sums) > len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[first : first + len(sums)] = sums
        self.used += len(sums)
        return [tuple(range(first + 5 * n, first + 5 * n + 5)) for n in range(len(features))]

    def decode(self, rows: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """Best label sequence of each sentence. `rows` (tokens x slots) holds, for every
        token of the sentences one after another, the table rows to sum."""
        if len(lengths) <= CHUNK:
            return self._decode(self.table[rows].sum(axis=1), lengths)
        # A very long text: sentences of like length together, so few are padded to the
        # longest (padding all to it grows with the square of the text).
        emit = self.table[rows].sum(axis=1)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).tolist()
        order = sorted(range(len(lengths)), key=lengths.__getitem__)
        out: list[list[str]] = [[] for _ in lengths]
        for c in range(0, len(order), CHUNK):
            part = order[c : c + CHUNK]
            index = np.concatenate([np.arange(starts[k], starts[k] + lengths[k]) for k in part])
            for k, labels in zip(part, self._decode(emit[index], [lengths[k] for k in part])):
                out[k] = labels
        return out

    def _decode(self, emit_flat: np.ndarray, lengths: list[int]) -> list[list[str]]:
        longest = max(lengths, default=0)
        if not longest:
            return [[] for _ in lengths]
        # Pad into (longest, sentences, labels), step-major, for a Viterbi over all
        # sentences at once. A step costs its few numpy calls, not its arithmetic, so
        # each writes into arrays made once (`out=`), and the best previous label is
        # looked for along the last axis, where numpy's argmax needs no copy.
        count, size = len(lengths), len(self.labels)
        ends = np.array(lengths)
        starts = np.concatenate([[0], np.cumsum(ends)[:-1]])
        sent = np.repeat(np.arange(count), ends)
        pos = np.arange(len(emit_flat)) - np.repeat(starts, ends)
        emit = np.zeros((longest, count, size))
        emit[pos, sent] = emit_flat
        back = np.empty((longest, count, size), dtype=np.intp)
        history = np.empty_like(emit)  # scores at every step: a sentence ends at its own
        history[0] = emit[0]
        # cand[s, j * size + i]: score of label i before, then j (= score[s, i] + trans[i, j])
        cand = np.empty((count, size * size))
        spread = np.tile(np.arange(size), size)  # column j * size + i <- score column i
        trans = np.ascontiguousarray(self.trans.T).reshape(-1)
        offsets = (np.arange(count * size) * size).reshape(count, size)
        where = np.empty((count, size), dtype=np.intp)
        best = np.empty((count, size))
        add, argmax, take = np.add, cand.reshape(count, size, size).argmax, cand.reshape(-1).take
        # Arguments by position, and "clip" (the indexes are always in range): numpy
        # parses keywords slower, and buffers `out` of a take that may "raise".
        for before, pointers, here, after in zip(history[:-1], back[1:], emit[1:], history[1:]):
            before.take(spread, 1, cand, "clip")
            add(cand, trans, cand)
            argmax(2, pointers)
            add(pointers, offsets, where)
            take(where, None, best, "clip")
            add(best, here, after)
        last = history[np.maximum(ends - 1, 0), np.arange(count)].argmax(axis=1).tolist()
        labels = self.labels
        out = []
        for n, length in enumerate(lengths):
            if not length:
                out.append([])
                continue
            path = [last[n]]
            steps = back[1:length, n].tolist()
            for t in range(length - 2, -1, -1):
                path.append(steps[t][path[-1]])
            out.append([labels[k] for k in reversed(path)])
        return out
