"""The split pass: a story whose members form two groups far apart becomes two stories.

Agglomeration compares groups as wholes, so two neighbouring happenings that share their
actors and words (a decision and a consequence in another domain, two events of one trip)
can end as one story whose centre sits between them. Here the story's own members are
clustered again by average linkage of their pairwise closeness down to two halves; the
story is split when the halves are linked less than `ratio` times the link within the
looser half, and each half has at least `part` members (one article at a story's edge is
the refinement pass's business, not a second event). Each half is checked again. Only
members in one language (the story's most used) are compared: across languages words cannot
meet, so two languages would look like two groups; the others follow the half they are
closest to.

The criterion is relative (a gap between the halves compared with their own cohesion), so a
broad story of one event, whose members are all loosely linked, is not cut: its halves are
as close to each other as their members are among themselves.
"""

from __future__ import annotations

from collections.abc import Callable

SMALLEST = 4  # stories of fewer members are not split
PART = 2  # each half has at least this many members
CAP = 80  # a bigger story is bisected on its CAP first (most central) members, the rest follow


def _within(link: list[list[float]], part: list[int]) -> float:
    pairs = [(i, j) for i in part for j in part if i < j]
    return sum(link[i][j] for i, j in pairs) / len(pairs) if pairs else 1.0


def _between(link: list[list[float]], a: list[int], b: list[int]) -> float:
    return sum(link[i][j] for i in a for j in b) / (len(a) * len(b))


def halves(link: list[list[float]], items: list[int]) -> tuple[list[int], list[int]]:
    """Average linkage (Lance-Williams update) of `items` down to two clusters."""
    parts = {i: [i] for i in items}
    between = {(i, j): link[i][j] for i in items for j in items if i < j}
    while len(parts) > 2:
        x, y = max(between, key=lambda pair: (between[pair], -pair[0], -pair[1]))
        nx, ny = len(parts[x]), len(parts[y])
        for z in parts:
            if z not in (x, y):
                xz, yz = (min(x, z), max(x, z)), (min(y, z), max(y, z))
                between[xz] = (nx * between[xz] + ny * between.pop(yz)) / (nx + ny)
        del between[(x, y)]
        parts[x] += parts.pop(y)
    a, b = parts.values()
    return sorted(a), sorted(b)


def split_parts(
    size: int, closeness: Callable[[int, int], float], ratio: float, comparable: int | None = None
) -> list[list[int]]:
    """The parts of a story of `size` members (0..size-1), given the closeness of two
    members: the whole story when its halves are not far apart. The halves are found among
    the first `comparable` members (those whose words can be compared: one language), most
    central first, at most CAP of them; every other member follows the part it is most
    linked to, the biggest when it is linked to none."""
    core = min(size if comparable is None else comparable, CAP)
    if core < SMALLEST or ratio <= 0:
        return [list(range(size))]
    link = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, core) if i < core else range(core):
            link[i][j] = link[j][i] = closeness(i, j)
    todo, done = [list(range(core))], []
    while todo:
        items = todo.pop()
        if len(items) < SMALLEST:
            done.append(items)
            continue
        a, b = halves(link, items)
        looser = min(_within(link, a), _within(link, b))
        if min(len(a), len(b)) >= PART and _between(link, a, b) < ratio * looser:
            todo += [b, a]
        else:
            done.append(items)
    for i in range(core, size):  # the others: to the part they are most linked to
        best = max(done, key=lambda part: (_between(link, [i], part), len(part), -part[0]))
        best.append(i)
    return sorted(done, key=lambda part: part[0])
