"""Verbs of saying, conjugated: the forms a news report uses to introduce speech.

Arabic reports speech with a verb before its subject («قال الوزير إن»), in the past
(third person: قال، قالت، قالوا، قالا، قالتا) or the present (يقول، تقول، يقولون), or
with a circumstantial participle after the speaker («…، قائلا: »). Each form says
whether its subject is feminine (a woman, or an organisation or country: «قالت
الوزارة») and plural, which is what a speaker left to the context must agree with.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from briefing.analyze.ner import lexicon as lex

# Past tense, third person masculine singular. Verbs of believing (اعتقد، ظن) report no
# speech; verbs of forecasting (توقع، رجح، استبعد) with an أنّ-clause state a forecast,
# but only in the past: the present «يُتوقع أن» is mostly an impersonal passive. Verbs with
# only a noun object (أعرب عن، دعا إلى) are in the shared cue list for the tagger, and
# become speech only when an أنّ-clause follows.
_PAST = (
    "قال أكد أضاف أعلن صرح ذكر أفاد أوضح أشار اعتبر رأى شدد حذر نفى تابع كتب غرد لفت أبلغ "
    "زعم أقر اعترف نوه كشف ادعى أخبر أردف استدرك أجاب علق أورد أفصح جدد استطرد ردد "
    "تساءل روى جزم كرر شرح نبه ألمح لاحظ توقع رجح استبعد دعا طالب وصف أعرب ناشد"
)
# Forms whose other conjugations are common words of another kind: بيّن (بين "between"),
# ردّ (رد "a reply").
_ONLY = "بينت بينوا ردت ردوا"
# Present tense, third person masculine singular (the feminine takes ت for ي).
_PRESENT = (
    "يقول يؤكد يضيف يعلن يذكر يوضح يشير يعتبر يرى يحذر ينفي يكشف يلفت يشدد يتابع يتساءل يجيب يرد يزعم يدعي يقر يعترف"
)
# Circumstantial participles (حال): «…، مضيفا أن …» — the clause's subject speaks. The
# feminine only where it is not also a common noun or adjective (لافتة "a banner", متابعة
# "follow-up", مؤكدة "confirmed"); none whose form is also a passive participle or a noun
# (مقرا، مهددا، معلقا، مذكرة).
_PARTICIPLES = "قائل مضيف مشير موضح معتبر محذر مشدد منوه متسائل مستدرك مستطرد مردف"
_PARTICIPLES_MASCULINE = "مؤكد لافت متابع معلن مبين مجيب كاشف منبه ملمح ناف مكرر"
_DEFECTIVE = "ىيا"  # a final weak letter: نفى → نفت، نفوا; دعا → دعت


@dataclass(frozen=True)
class Form:
    feminine: bool
    plural: bool
    participle: bool = False


def _past(verb: str) -> dict[str, Form]:
    stem = verb[:-1] if verb[-1] in _DEFECTIVE else verb
    return {
        verb: Form(False, False),
        stem + "ت": Form(True, False),
        stem + "وا": Form(False, True),
        (stem + "يا" if stem != verb else verb + "ا"): Form(False, True),
        stem + "تا": Form(True, True),
    }


def _present(verb: str) -> dict[str, Form]:
    rest = verb[1:]
    weak = rest[:-1] if rest[-1] in _DEFECTIVE else rest
    return {
        verb: Form(False, False),
        "ت" + rest: Form(True, False),
        "ي" + weak + "ون": Form(False, True),
    }


def _participle(word: str, feminine: bool = True) -> dict[str, Form]:
    if word.endswith("ف") and len(word) == 3:  # ناف → نافيا
        word += "ي"
    out = {word + "ا": Form(False, False, True), word + "ين": Form(False, True, True)}
    if feminine:
        out[word + "ة"] = Form(True, False, True)
    return out


@cache
def forms() -> dict[str, Form]:
    """Folded form → its agreement."""
    out: dict[str, Form] = {}
    for verb in _PAST.split():
        out.update(_past(verb))
    for verb in _PRESENT.split():
        out.update(_present(verb))
    for word in _ONLY.split():
        out[word] = Form(word.endswith("ت"), word.endswith("وا"))
    for word in _PARTICIPLES.split():
        out.update(_participle(word))
    for word in _PARTICIPLES_MASCULINE.split():
        out.update(_participle(word, feminine=False))
    return {lex.fold(k): v for k, v in out.items()}


def form(word: str) -> Form | None:
    """The agreement of a verb or participle of saying, with or without a leading و/ف."""
    f = lex.fold(word)
    table = forms()
    if f in table:
        return table[f]
    if len(f) > 3 and f[0] in "وف":
        return table.get(f[1:])
    return None
