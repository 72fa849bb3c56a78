"""Arabic quotes: direct speech («...» with a cue around it), reported speech («قال X إن
...», «أشار إلى أن ...», «بحسب X»), and a speaker resolved over the article.

The speaker is always an actor of the article or a described speaker («متحدث عسكري
أميركي»), never the phrase that happens to follow the cue («في بيان», «لي», «قائلا»).
A cue with no subject of its own («وأضاف أن», «وقال في كلمة له إن») speaks for the
previous speaker, or else the last person (masculine verb) or actor (feminine verb)
named before it; a bare role («وقال المتحدث») is the actor who holds that role. When
nothing fits, the quote has no speaker rather than a wrong one.

Modules: `verbs` (verbs and participles of saying, conjugated, with their agreement),
`vocab` (particles, prepositions, pronouns and nouns that open or never are a speaker),
`refs` (the article's actors by position), `speaker` (the subject after a cue),
`resolution` (speakers left to the context), `according` («بحسب X») and `trailing`
(«…، قال X»), `paragraphs` (a quote over several paragraphs). `extract.py` finds the quoted and reported passages and calls these.
"""

from briefing.analyze.quotes.arabic.according import according_to
from briefing.analyze.quotes.arabic.paragraphs import run_speakers, runs_over
from briefing.analyze.quotes.arabic.refs import Found, Ref, Refs, Speaker
from briefing.analyze.quotes.arabic.resolution import resolve
from briefing.analyze.quotes.arabic.speaker import speaker_after_cue
from briefing.analyze.quotes.arabic.trailing import trailing_cue
from briefing.analyze.quotes.arabic.vocab import THAT, bare, feminine, is_cue

__all__ = [
    "THAT",
    "Found",
    "Ref",
    "Refs",
    "Speaker",
    "according_to",
    "bare",
    "feminine",
    "is_cue",
    "resolve",
    "run_speakers",
    "runs_over",
    "speaker_after_cue",
    "trailing_cue",
    "words",
]
