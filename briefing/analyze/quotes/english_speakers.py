"""English speakers across the article: who a pronoun ("he", "it", "they") or a bare
role ("the spokesman", "the company") stands for, from the actors already extracted and
the quotes found so far. Phrases that name a speaker are in `english_phrases`."""

from __future__ import annotations

import bisect
import re

from briefing.analyze.quotes.english_names import FEMALE, MALE
from briefing.analyze.quotes.english_phrases import SPEAKER_OK, head_ok
from briefing.text.tokenizer import Token

BACK_PARAGRAPHS = 3  # how far back a pronoun or a bare role looks for its actor


class Doc:
    """The article's tokens (`refs.words`), sentences (`sentence_starts`, from the
    text layer's parse), quoted spans and actor mentions, looked up by position."""

    def __init__(self, text: str, refs, quoted: list[tuple[int, int]], sentence_starts: list[int]) -> None:
        self.text = text
        self.sentence_starts = sentence_starts
        self.quoted = quoted
        self.qstarts = [s for s, _ in quoted]
        self.by_end: dict[int, object] = {}
        self.by_start: dict[int, object] = {}
        self.refs = refs
        self.spoke: list = []  # the quotes found so far, in text order
        self._sex: dict[str, str | None] = {}
        for r in refs:
            if r.actor.type in SPEAKER_OK:
                if r.end not in self.by_end or r.start < self.by_end[r.end].start:
                    self.by_end[r.end] = r
                if r.start not in self.by_start or r.end > self.by_start[r.start].end:
                    self.by_start[r.start] = r
        self.people = sorted((r for r in refs if r.actor.type == "person"), key=lambda r: r.end)
        self.people_ends = [r.end for r in self.people]
        self.starts = [r.start for r in refs]  # refs are sorted by start
        self.places = {r.start: r for r in refs if r.actor.type == "place"}
        self.bodies = {r.actor.name for r in refs if r.actor.type in {"organization", "group"}}
        self.person_names = {r.actor.name for r in refs if r.actor.type == "person"}
        # Words that say what each actor is: its role, a body's own name, and the words
        # right before a mention ("Foreign Minister Ana Ruiz", "the company's spokesman,
        # Ali Karimi,"), a role the actor list may not carry.
        self.role_words = [
            set(
                re.findall(
                    r"[a-z]+",
                    " ".join(
                        [_own_role(r.actor.role), r.actor.name if r.actor.type != "person" else ""]
                        + text[max(0, r.start - 40) : r.start].split()[-3:]
                    ).lower(),
                )
            )
            for r in refs
        ]
        for r, words in zip(refs, self.role_words):
            # "Amnesty International, the London-based rights group, ...": the aside after it.
            m = _APPOSITION.match(text, r.end)
            if m:
                words |= set(re.findall(r"[a-z]+", m.group(1).lower()))
        for words in self.role_words:
            words |= {n for w in words if w in _TITLES for n in _TITLES[w].split()}  # "Sen. Ann Ruiz": "the senator"

    def before(self, pos: int) -> range:
        """Indexes of the mentions starting before `pos`, last first."""
        return range(bisect.bisect_left(self.starts, pos) - 1, -1, -1)

    def holder(self, head: str, pos: int) -> str | None:
        """The actor last named before `pos` whose role, or (for a body) whose name,
        has the word `head` ("spokesman", "ministry")."""
        forms = {head, head[:-1] if head.endswith("s") else head + "s"}
        for i in self.before(pos):
            r = self.refs[i]
            if r.end <= pos and r.actor.type in SPEAKER_OK and forms & self.role_words[i]:
                return r.actor.name
        return None

    def floor(self, pos: int) -> int:
        """Where the paragraph `BACK_PARAGRAPHS` before the one of `pos` starts."""
        lo = pos
        for _ in range(BACK_PARAGRAPHS + 1):
            lo = self.text.rfind("\n", 0, max(lo - 1, 0)) + 1 if lo > 0 else 0
            if lo == 0:
                break
        return lo

    def last_body(self, pos: int) -> str | None:
        """The organisation or group named last before `pos` (a few paragraphs back at
        most), outside quotation marks: who "it" or "the company" is."""
        lo = self.floor(pos)
        for i in self.before(pos):
            r = self.refs[i]
            if r.start < lo:
                break
            if r.actor.type in {"organization", "group"} and r.end <= pos and self.quote_at(r.start) is None:
                return r.actor.name
        return None

    def last_plural_speaker(self, pos: int) -> str | None:
        """Who "they said" is: the speaker of the last quote (a few paragraphs back at
        most) when that speaker is a body or a plural description ("officials")."""
        last = next((q for q in reversed(self.spoke) if q.end <= pos), None)
        if last is None or last.start < self.floor(pos):
            return None
        head = last.speaker.split()[-1].lower()
        plural = last.speaker not in self.person_names and head.endswith("s") and head_ok([head])
        return last.speaker if last.speaker in self.bodies or plural else None

    def described_before(self, head: str, pos: int) -> str | None:
        """Who "the officials" or "the witness" is: the speaker of a quote a few paragraphs
        back at most, described with the same head noun and more ("two senior US officials")."""
        lo = self.floor(pos)
        for q in reversed(self.spoke):
            if q.start < lo:
                break
            words = q.speaker.split()
            if q.end <= pos and len(words) > 1 and words[-1].lower() == head and words[0].lower() != "the":
                return q.speaker
        return None

    def words(self, start: int, end: int) -> list[Token]:
        """Tokens of text[start:end]."""
        return self.refs.words(start, end)

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quoted span containing `pos` (inner text only)."""
        k = bisect.bisect_right(self.qstarts, pos) - 1
        return self.quoted[k] if k >= 0 and pos < self.quoted[k][1] else None

    def last_person(self, pos: int, lo: int):
        """The person named last before `pos` (from `lo` on), outside quotation marks:
        a name inside someone's quote is what they talk about, not who talks."""
        k = bisect.bisect_right(self.people_ends, pos)
        while k and self.people[k - 1].start >= lo:
            if self.quote_at(self.people[k - 1].start) is None:
                return self.people[k - 1]
            k -= 1
        return None

    def pronoun_person(self, pos: int, pronoun: str = ""):
        """Who "he" or "she" before `pos` is: of the sentence that names a person last
        (outside quotation marks), the person it names first (most often its subject);
        a person the text marks as the other sex ("Mrs", "spokeswoman" for "he") is passed over."""
        k = bisect.bisect_right(self.people_ends, pos)
        while k:
            last = self.people[k - 1]
            k -= 1
            if self.quote_at(last.start) is None and self.sex(last.actor) != _OTHER.get(pronoun):
                break
        else:
            return None
        # The start of the sentence of `last` (the text layer's sentences), within its line.
        k = bisect.bisect_right(self.sentence_starts, last.start) - 1
        start = max(self.text.rfind("\n", 0, last.start) + 1, self.sentence_starts[k] if k >= 0 else 0)
        for r in self.people[bisect.bisect_left(self.people_ends, start) :]:
            if r.start > last.start:
                break
            if start <= r.start and self.quote_at(r.start) is None and self.sex(r.actor) != _OTHER.get(pronoun):
                return r
        return last

    def sex(self, actor) -> str | None:
        """ "m" or "f" when the text marks it (a title or a role word, else a given name),
        else None."""
        if actor.name not in self._sex:
            words = set(re.findall(r"[a-z]+", (actor.role or "").lower()))
            for m in actor.mentions:
                words |= set(re.findall(r"[a-z]+", self.text[max(0, m.start - 25) : m.start].lower())[-2:])
            marks = {_SEX_WORDS[w] for w in words if w in _SEX_WORDS}
            given = actor.name.split()[0].lower() if " " in actor.name else ""
            if not marks and given in MALE | FEMALE:
                marks = {"m" if given in MALE else "f"}  # "Maria Lopez": a woman's given name
            self._sex[actor.name] = marks.pop() if len(marks) == 1 else None
        return self._sex[actor.name]


_APPOSITION = re.compile(r",\s+((?:a|an|the)\s[^,.;\n\"“”]{1,60}),")
_OTHER = {"he": "f", "she": "m"}
# Abbreviated titles and the role nouns a later "the ..." uses for the same person.
_TITLES = {
    "sen": "senator lawmaker",
    "gov": "governor",
    "rep": "representative congressman congresswoman lawmaker",
    "gen": "general",
    "dr": "doctor",
    "prof": "professor",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "pres": "president",
    "sec": "secretary",
    "amb": "ambassador",
    "atty": "attorney",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
}
_SEX_WORDS = {
    **dict.fromkeys(
        "mr sir spokesman chairman congressman businessman king prince father husband son brother".split(), "m"
    ),
    **dict.fromkeys(
        "mrs ms miss madam spokeswoman chairwoman congresswoman businesswoman queen princess mother wife daughter sister".split(),
        "f",
    ),
}


def _own_role(role: str | None) -> str:
    """The role phrase of one person: the last of several joined by "and" (the tagger
    may give "Sen. Ann Ruiz and Ohio Governor" for the second name of a pair)."""
    return re.split(r"\s+and\s+|,\s*", role or "")[-1]
