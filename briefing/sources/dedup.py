"""Deduplication: canonical URLs for exact matches, SimHash for near-duplicates.

The store matches exact copies by content hash, canonical URL and GUID. What it
cannot see is the same wire story syndicated by two outlets with small edits; a
64-bit SimHash over word shingles catches those, and the second copy is recorded
as another source of the first (`store.save_article(..., duplicate_of=id)`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from ..models import Article
from ..store import Store
from ..text.normalize import fold_arabic

# Query parameters that say who sent the reader, not what the page is.
_TRACKING = frozenset(
    """
fbclid gclid dclid gbraid wbraid msclkid yclid twclid igshid mc_cid mc_eid ref ref_src
ref_url referrer cmpid campaign _hsenc _hsmi mkt_tok spm ito ncid ocid soc_src soc_trk
at_medium at_campaign __twitter_impression s_cid wt.mc_id
""".split()
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_xtor", "xtor", "hmb_", "_ga")
_DEFAULT_PORTS = {"http": "80", "https": "443"}

# Two stages, because a 64-bit SimHash of a 100-word news item is noisy: three
# changed words can move it 8-13 bits. SimHash finds candidates cheaply (within
# CANDIDATE_BITS), then the Jaccard similarity of word trigrams decides. Both are
# justified in tests/test_dedup.py: copies with one word in twenty changed stay
# within 9 bits and above 0.7 similarity (one in ten: 12 bits, 0.5); different
# articles on the same topic are 24 bits or more apart, and below 0.1 similarity.
CANDIDATE_BITS = 16
MIN_SIMILARITY = 0.5
MAX_CANDIDATES = 8  # closest fingerprints checked by similarity, per article
MIN_WORDS = 25  # distinct words; a shorter text is too small to judge (teasers)
SHINGLE = 3
WINDOW = timedelta(days=3)

_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1


def canonical_url(url: str | None) -> str | None:
    """The URL that identifies a page: no fragment, no tracking, sorted query."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return url.strip()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port if _has_port(parts.netloc) else None
    netloc = host if port is None or str(port) == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _has_port(netloc: str) -> bool:
    host = netloc.rsplit("@", 1)[-1]
    return bool(re.search(r":\d+$", host))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING or key.startswith(_TRACKING_PREFIXES)


def tokens(text: str) -> list[str]:
    """Matching tokens: Arabic folded, lowercased, words only."""
    return _WORD.findall(fold_arabic(text).casefold())


def simhash(text: str) -> int | None:
    """64-bit SimHash of the text's distinct words, as a signed integer (fits BigInteger).

    None when the text has too few words to be told apart from another.
    """
    words = set(tokens(text))
    if len(words) < MIN_WORDS:
        return None
    # One row of 64 bits per word; a bit is set when most words set it.
    digests = np.frombuffer(b"".join(map(_word_hash, words)), dtype=np.uint8).reshape(len(words), 8)
    majority = np.unpackbits(digests, axis=1).sum(axis=0) > len(words) / 2
    return to_signed(int.from_bytes(np.packbits(majority).tobytes(), "big"))


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> bytes:
    # News reuses its vocabulary all day: hash each word once.
    return hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()


def shingles(text: str) -> set[str]:
    """Word trigrams of the matching tokens."""
    words = tokens(text)
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two texts' word trigrams (0 to 1)."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def to_signed(value: int) -> int:
    """An unsigned 64-bit value as the signed integer a BigInteger column holds."""
    value &= _MASK
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    """Differing bits between two fingerprints (signed or unsigned)."""
    return ((a & _MASK) ^ (b & _MASK)).bit_count()


def fingerprint(article: Article) -> int | None:
    """The near-duplicate fingerprint of an article: its text, as outlets rewrite headlines."""
    return simhash(article.text)


class FingerprintIndex:
    """Recent fingerprints in a numpy array: an article's candidates in one vectorised pass."""

    def __init__(self, items: list[tuple[str, int]] = ()):
        self.ids: list[str] = []
        self.where: dict[str, int] = {}
        self.values = np.zeros(max(1024, len(items)), dtype=np.uint64)
        for article_id, fp in items:
            self.set(article_id, fp)

    def __len__(self) -> int:
        return len(self.ids)

    def set(self, article_id: str, fp: int) -> None:
        """Add an article's fingerprint, or replace it (an updated article)."""
        value = np.uint64(fp & _MASK)
        if article_id in self.where:
            self.values[self.where[article_id]] = value
            return
        if len(self.ids) == len(self.values):
            self.values = np.concatenate([self.values, np.zeros(len(self.values), dtype=np.uint64)])
        self.where[article_id] = len(self.ids)
        self.values[len(self.ids)] = value
        self.ids.append(article_id)

    def within(self, fp: int, bits: int) -> list[tuple[int, str]]:
        """(distance, id) of the fingerprints within `bits` of `fp`, closest first."""
        distances = _popcount(self.values[: len(self.ids)] ^ np.uint64(fp & _MASK))
        return sorted((int(distances[i]), self.ids[i]) for i in np.flatnonzero(distances <= bits))


_BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def _popcount(values: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):  # numpy 2
        return np.bitwise_count(values)
    return _BYTE_BITS[values.view(np.uint8)].reshape(-1, 8).sum(axis=1)


@dataclass
class Deduplicator:
    """Saves articles once: exact matches by the store, near-duplicates by SimHash.

    Loads the fingerprints of the last `window` once, and adds each new article's,
    so copies inside one run are caught too. Not thread-safe: call from one thread.
    """

    store: Store
    window: timedelta = WINDOW
    bits: int = CANDIDATE_BITS
    min_similarity: float = MIN_SIMILARITY
    index: FingerprintIndex = field(default_factory=FingerprintIndex)
    _loaded: bool = False

    def load(self) -> None:
        self.index = FingerprintIndex(self.store.fingerprints_since(datetime.now(UTC) - self.window))
        self._loaded = True

    def near_duplicate(
        self, article: Article, fp: int | None, get: Callable[[str], Article | None] | None = None
    ) -> str | None:
        """Id of an article from another source whose text is nearly the same, if any.

        Only across sources: one outlet's near-identical items (templated notices,
        a story and its follow-up) are distinct articles, and recording the second
        as a source of the first would lose its URL. `get` reads a stored article.
        """
        if fp is None:
            return None
        get = get or self.store.get_article
        # The closest few are enough; a pile of candidates means texts that all look alike.
        for _, article_id in self.index.within(fp, self.bits)[:MAX_CANDIDATES]:
            stored = get(article_id)
            if stored is None or stored.source == article.source:
                continue
            if similarity(stored.text, article.text) >= self.min_similarity:
                return article_id
        return None

    def save(self, article: Article, *, by_url: bool = True) -> tuple[str, str]:
        """Store `article` or record it as another source. Returns (outcome, id).

        `by_url=False` when the URL does not identify the article (a feed that links
        every entry to its home page): it is then matched by GUID and content only.
        """
        url = canonical_url(article.url) if by_url else None
        return self._save(article, url, self.store.save_article, self.store.get_article)

    def save_many(self, items: list[tuple[Article, bool]]) -> list[tuple[str, str]]:
        """`save` for many (article, by_url), in one store transaction; same outcomes."""
        urls = [canonical_url(a.url) if by_url else None for a, by_url in items]
        with self.store.article_batch([a for a, _ in items], urls) as batch:
            return [self._save(a, url, batch.save, batch.get) for (a, _), url in zip(items, urls)]

    def _save(
        self,
        article: Article,
        url: str | None,
        save: Callable[..., tuple[str, str]],
        get: Callable[[str], Article | None],
    ) -> tuple[str, str]:
        if not self._loaded:
            self.load()
        fp = fingerprint(article)
        match = self.near_duplicate(article, fp, get)
        if match is not None and self._same_item(get(match), article, url):
            match = None  # a corrected version of the same page: let the store update it
        outcome, article_id = save(article, canonical_url=url, fingerprint=fp, duplicate_of=match)
        if outcome in ("new", "updated") and fp is not None:
            self.index.set(article_id, fp)
        return outcome, article_id

    @staticmethod
    def _same_item(stored: Article | None, article: Article, url: str | None) -> bool:
        if stored is None:
            return False
        if url and canonical_url(stored.url) == url:
            return True
        return bool(article.guid) and stored.guid == article.guid and stored.source == article.source
