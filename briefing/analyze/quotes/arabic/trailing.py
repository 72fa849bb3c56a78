"""Speech first, attribution after: «الوضع تحت السيطرة، قال المتحدث.» — a statement
followed by a comma, a verb of saying and its subject, and nothing more than an adverbial
phrase («لوكالة الأنباء»، «في مؤتمر صحفي») before the sentence ends."""

from __future__ import annotations

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes.arabic.refs import Found, Refs
from briefing.analyze.quotes.arabic.speaker import speaker_after_cue
from briefing.analyze.quotes.arabic.vocab import THAT, feminine, is_cue, is_participle
from briefing.text.tokenizer import Token

_MIN_WORDS = 4  # a statement, not a phrase
_MAX_TAIL = 12  # words after the verb: its subject and an adverbial phrase


def trailing_cue(sent: list[Token], text: str, refs: Refs, in_quote) -> list[Found]:
    """The statement before «، قال X» at a sentence's end, said by X."""
    if len(sent) < _MIN_WORDS + 3:
        return []
    s_start = sent[0].start
    s_end = sent[-1].start if sent[-1].text in ".!?؟" else sent[-1].end
    for k in range(_MIN_WORDS, len(sent) - 1):
        tok = sent[k]
        if sent[k - 1].text not in {",", "،"} or in_quote(tok.start):
            continue
        if not is_cue(tok.text) or is_participle(tok.text):
            continue
        tail = sent[k + 1 :]
        if len(tail) > _MAX_TAIL or any(lex.fold(t.text) in THAT or t.text in {":", "«", '"', "“"} for t in tail):
            return []  # «، وأضاف أن …»: the speech comes after the verb
        body = sent[: k - 1]
        if any(is_cue(t.text) or in_quote(t.start) for t in body) or len(body) < _MIN_WORDS:
            return []
        speaker, context = speaker_after_cue(tok, s_end, refs, text)
        if speaker is None:
            return []  # the verb must name its subject here
        begin = sent[1].start if lex.fold(sent[0].text) in {"و", "ف"} else s_start
        quote = text[begin : sent[k - 1].start].strip()
        if quote.startswith(("و", "ف")) and len(quote.split()[0]) > 1 and lex.fold(quote.split()[0][1:]) in THAT:
            return []
        start = text.index(quote, begin)
        return [Found(start, start + len(quote), tok.text, tok.start, s_start, speaker, context, feminine(tok.text))]
    return []
