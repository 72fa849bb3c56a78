"""Attributions that are not a verb of saying: "بحسب X"، "وفقا لـ X"، "نقلا عن X"."""

from __future__ import annotations

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner
from briefing.analyze.quotes.arabic.refs import Found, Refs, Speaker
from briefing.analyze.quotes.arabic.speaker import role_phrase
from briefing.analyze.quotes.arabic.words import ACCORDING, bare, is_cue


def according_to(sent: list[ner.Token], text: str, refs: Refs, in_quote) -> list[Found]:
    """ "..., بحسب X" / "وفقا لـ X": the clause before, said by X; "وبحسب X، فإن ...": the
    clause after."""
    out = []
    s_start = sent[0].start
    s_end = sent[-1].start if sent[-1].text in ".!?؟" else sent[-1].end
    for k, tok in enumerate(sent):
        f = lex.fold(tok.text)
        if f not in ACCORDING or in_quote(tok.start):
            continue
        j = k + 1
        if f.endswith("وفقا") or f.endswith("طبقا"):
            if j >= len(sent) or not lex.fold(sent[j].text).startswith("ل"):
                continue
        if f.endswith("نقلا"):  # "نقلا عن X": quoting X
            if j >= len(sent) or lex.fold(sent[j].text) != "عن":
                continue
            j += 1
        while j < len(sent) and (
            lex.fold(sent[j].text) == "ما" or is_cue(sent[j].text) or lex.fold(sent[j].text) in {"ل", "لـ"}
        ):
            j += 1
        if j >= len(sent):
            continue
        rest_end = next((t.start for t in sent[j:] if t.text in {",", "،", ".", ";"}), s_end)
        inside = refs.between(sent[j].start - 1, rest_end)
        if inside and inside[0].start <= sent[j].start + 1 and inside[0].actor.type != "place":
            speaker = Speaker(inside[0].actor.name, inside[0].actor)
        else:
            role = role_phrase(sent[j:], text)
            if role is None or bare(role.split()[0]) in {"مصادر", "مصدر", "تقارير"}:
                continue
            speaker = Speaker(role)
        if k > 0 and sent[k - 1].text in {",", "،"}:
            begin, end = s_start, sent[k - 1].start
        elif k == 0 or sent[k - 1].start <= s_start:
            after = next((i for i in range(j, len(sent)) if lex.fold(sent[i].text) in {"فان", "،", ","}), None)
            if after is None:
                continue
            begin, end = sent[after].end, s_end
        else:
            continue
        body = text[begin:end].strip(" ,،.")
        if len(body.split()) < 4:
            continue
        start = text.index(body, begin)
        out.append(Found(start, start + len(body), tok.text, tok.start, s_start, speaker))
    return out
