"""JSON at the edges: the `summarize` batch contract and the analysis cache format.

Input records: {id, text, title?, lang?, points?}; other keys are ignored, so records
of a larger data set can be fed as they are. Output records:
{id, language, key_points:[{text, sentence_index, start, end, score}],
 actors:[{name, type, role?, salience, mentions:[{text, start, end}]}],
 quotes:[{speaker, text, start, end, speaker_id?}]}. Offsets index the input `text`;
`speaker_id` is the speaker's actor key when the speaker is a named actor.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .models import Actor, Analysis, KeyPoint, Mention, Quote


class SummarizeInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    title: str | None = None
    lang: str | None = None
    points: int | None = Field(None, ge=1, le=100)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value


def analysis_record(record_id: str, analysis: Analysis) -> dict:
    """The public output record for one input record."""
    return {
        "id": record_id,
        "language": analysis.language,
        "key_points": [
            {
                "text": k.text,
                "sentence_index": k.sentence_index,
                "start": k.start,
                "end": k.end,
                "score": round(k.score, 4),
            }
            for k in analysis.key_points
        ],
        "actors": [
            {
                "name": a.name,
                "type": a.type,
                **({"role": a.role} if a.role else {}),
                "salience": round(a.salience, 4),
                "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in a.mentions],
            }
            for a in analysis.actors
        ],
        "quotes": [
            {
                "speaker": q.speaker,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                **({"speaker_id": q.speaker_id} if q.speaker_id else {}),
            }
            for q in analysis.quotes
        ],
    }


def error_record(record_id: str, message: str) -> dict:
    """Output for an input record that could not be analysed: same shape, plus `error`."""
    return {"id": record_id, "language": "und", "key_points": [], "actors": [], "quotes": [], "error": message}


def analysis_to_dict(analysis: Analysis) -> dict:
    """Everything in an Analysis, for the cache (lossless, unlike the public record)."""
    return {
        "article_id": analysis.article_id,
        "language": analysis.language,
        "key_points": [vars(k) for k in analysis.key_points],
        "actors": [
            {**{k: v for k, v in vars(a).items() if k != "mentions"}, "mentions": [vars(m) for m in a.mentions]}
            for a in analysis.actors
        ],
        "quotes": [vars(q) for q in analysis.quotes],
    }


def analysis_from_dict(data: dict) -> Analysis:
    return Analysis(
        article_id=data["article_id"],
        language=data["language"],
        key_points=tuple(KeyPoint(**k) for k in data["key_points"]),
        actors=tuple(Actor(**{**a, "mentions": tuple(Mention(**m) for m in a["mentions"])}) for a in data["actors"]),
        quotes=tuple(Quote(**q) for q in data["quotes"]),
    )
