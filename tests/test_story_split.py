"""The split pass and the outlets' sections as evidence (briefing.compose.split, cluster).

Closeness tables and articles made up for these tests: two tight groups with little between
them are two stories; a broad story of one event, an article at a story's edge and a story in
two languages are not cut; an outlet's two sections make two groups less close, and an
outlet's categories count as sections only when they form a scheme, not per-entry tags.
"""

from __future__ import annotations

from briefing.compose.cluster import DEFAULT, Doc, Group, Weights, closeness
from briefing.compose.split import split_parts
from briefing.compose.stories import _sections

from .briefing_samples import article


def _table(groups: list[list[int]], inside: float, between: float):
    """A closeness function: `inside` within one of `groups`, `between` across them."""
    home = {i: g for g, members in enumerate(groups) for i in members}
    return lambda i, j: inside if home.get(i, -1) == home.get(j, -2) else between


def test_two_tight_groups_far_apart_become_two_stories():
    link = _table([[0, 2, 4, 6], [1, 3, 5]], inside=0.6, between=0.2)
    assert split_parts(7, link, 0.7) == [[0, 2, 4, 6], [1, 3, 5]]


def test_a_broad_story_of_one_event_is_not_cut():
    # all members loosely linked alike: the halves are as close as their members
    assert split_parts(8, lambda i, j: 0.2, 0.7) == [list(range(8))]
    # two groups, but what lies between them is close to what lies within
    link = _table([[0, 1, 2], [3, 4, 5]], inside=0.5, between=0.4)
    assert split_parts(6, link, 0.7) == [list(range(6))]


def test_one_article_at_the_edge_is_not_a_second_story():
    link = _table([[0, 1, 2, 3, 4], [5]], inside=0.6, between=0.1)
    assert split_parts(6, link, 0.7) == [list(range(6))]


def test_each_half_is_checked_again():
    link = _table([[0, 1], [2, 3], [4, 5, 6]], inside=0.7, between=0.1)
    assert split_parts(7, link, 0.7) == [[0, 1], [2, 3], [4, 5, 6]]


def test_small_stories_and_a_zero_ratio_are_left_alone():
    link = _table([[0, 1], [2]], inside=0.9, between=0.0)
    assert split_parts(3, link, 0.7) == [[0, 1, 2]]
    assert split_parts(6, _table([[0, 1, 2], [3, 4, 5]], 0.9, 0.0), 0.0) == [list(range(6))]


def test_members_in_another_language_follow_their_closest_half():
    # 0-5 in one language (two groups); 6 is linked to the second group only, 7 to none
    # (it follows the bigger part)
    groups = _table([[0, 1, 2, 6], [3, 4, 5]], inside=0.6, between=0.1)

    def link(i: int, j: int) -> float:
        if 7 in (i, j):
            return 0.0
        if {i, j} & {6}:  # across languages only what figures and actors give
            return 0.3 if {i, j} & {3, 4, 5} else 0.0
        return groups(i, j)

    assert split_parts(8, link, 0.7, comparable=6) == [[0, 1, 2], [3, 4, 5, 6, 7]]
    # a language of its own is no second group: nothing to compare it with
    assert split_parts(4, lambda i, j: 0.0, 0.7, comparable=2) == [[0, 1, 2, 3]]


def _doc(index: int, source: str, section: str | None) -> Doc:
    words = {"سد": 0.6, "الريم": 0.6, "انهيار": 0.529}
    return Doc(index, "ar", words, dict.fromkeys(words, 2.0), {"سد": 1.0}, ("a",), None, {}, source, section)


def test_one_outlet_filing_two_groups_under_two_sections_makes_them_less_close():
    weights = Weights({"a": 0.5}, dict.fromkeys(["سد", "الريم", "انهيار"], 2.0))
    news = Group.of([_doc(0, "Outlet", "news"), _doc(1, "Other", "news")])
    same = Group.of([_doc(2, "Outlet", "news")])
    economy = Group.of([_doc(3, "Outlet", "economy")])
    elsewhere = Group.of([_doc(4, "Third", "economy")])  # another outlet's scheme: no evidence
    unfiled = Group.of([_doc(5, "Outlet", None)])
    base = closeness(news, same, weights, DEFAULT)
    assert closeness(news, economy, weights, DEFAULT) < base
    assert closeness(news, elsewhere, weights, DEFAULT) == base
    assert closeness(news, unfiled, weights, DEFAULT) == base


def test_an_outlets_categories_are_sections_only_when_they_form_a_scheme():
    filed = [article("Daily", f"خبر {i}", [f"نص الخبر رقم {i}."], category=c) for i, c in enumerate("aaabbb")]
    tagged = [article("Tags", f"وسم {i}", [f"نص الوسم رقم {i}."], category=f"tag{i}") for i in range(4)]
    loose = [article("Daily", "خبر بلا قسم", ["نص بلا قسم."], category=None)]
    assert _sections(filed + tagged + loose) == list("aaabbb") + [None] * 5
