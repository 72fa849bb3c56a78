"""Attributions that are not a verb of saying: "بحسب X"، "وفقا لـ X"، "نقلا عن X"."""

from __future__ import annotations

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes.arabic.refs import Found, Refs, Speaker
from briefing.analyze.quotes.arabic.speaker import role_phrase
from briefing.analyze.quotes.arabic.vocab import ACCORDING, bare, is_cue
from briefing.text.tokenizer import Token

# What stands between «بحسب / وفقا لـ» and the speaker: «ما» (and «لما»), the verb of its
# relative clause with or without its resumptive pronoun («ما ذكرته»، «ما أفاد به»), and
# the noun of the speech («بحسب بيان الوزارة»، «وفقا لتصريحات الوزير»، «بيان صادر عن»).
_SPEECH_NOUNS = frozenset(
    lex.fold(w)
    for w in (
        "بيان تصريح تصريحات حديث كلمة رواية تغريدة منشور رسالة إفادة شهادة تقرير مقابلة إعلان صادر الصادر صادرة الصادرة"
    ).split()
)
_RESUMPTIVE = frozenset("به بها عنه عنها فيه فيها له لها عن".split())
_ATTACHED = ("ته", "تها", "ه", "ها")


def _before_speaker(word: str) -> bool:
    f = lex.fold(word)
    if f in {"ما", "لما", "ل", "لـ"} or f in _RESUMPTIVE or is_cue(word):
        return True
    if any(f.endswith(p) and is_cue(f[: -len(p)] + ("ت" if p.startswith("ت") else "")) for p in _ATTACHED):
        return True  # «ذكرته»، «أعلنتها»: a verb of saying with the relative's pronoun
    plain = f[1:] if f.startswith("ل") and len(f) > 3 else f
    return plain in _SPEECH_NOUNS or lex.strip_article(plain) in _SPEECH_NOUNS


def according_to(sent: list[Token], text: str, refs: Refs, in_quote) -> list[Found]:
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
        while j < len(sent) and _before_speaker(sent[j].text):
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
