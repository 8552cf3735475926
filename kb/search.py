"""`search`: find a concept in English, Russian or Kazakh, the way people actually type it.

The query and every text are folded alike (case, ё, Kazakh letters to their Russian look-alikes, Latin
look-alikes inside Cyrillic words), stemmed lightly, and matched word by word: the same stem, a prefix, or a
near miss (rapidfuzz). A Cyrillic word also meets its Latin transliteration, so "трафикинг" finds
"trafficking". A matching vocabulary label or synonym reaches every provision whose elements hold the term:
"recruitment" finds Art. 128 part 1, whose summary says "recruiting" and whose Russian says "вербовка".

The candidates (`Entry`) come from the YAML or from the SQLite index (kb/index.py); ranking is shared.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from .entries import Candidates, Entry, entries
from .errors import BadInput
from .knowledge import KB
from .model import Text
from .record import Data
from .results import ActName, act_names
from .timeline import When
from .vocab import LANGS, WORD, fold, nearest
from .words import Word, split_words, word

MIN_SCORE = 70  # an entry matches when the query's words, each at its best, average this much
KIND_RANK = {"article": 0, "part": 1, "item": 2, "provision": 3}
# When two words match (`_word_score`, and `_Query.pick` for many at once): a prefix counts from this many
# letters, a near miss from this many, at this rapidfuzz ratio in one script, and across scripts at this
# ratio of their Latin skeletons, as long as the skeleton is this long.
PREFIX_FROM, NEAR_FROM, NEAR, ACROSS, ACROSS_FROM = 3, 4, 80, 85, 5


_STOPWORDS = {"a", "an", "the", "of", "in", "on", "or", "and", "to", "for", "by", "with",
              "в", "и", "на", "с", "по", "к", "о", "или", "для", "от", "не"}


# -- matching -----------------------------------------------------------------------------------------------


class _Match(NamedTuple):
    """How well one text matches each query word, and where."""

    field: str
    text: str
    term: str | None  # the vocabulary term the text belongs to, when matched through it
    scores: tuple[float, ...]  # per query word
    spans: tuple[tuple[int, int] | None, ...]

    @property
    def score(self) -> float:
        return sum(self.scores) / len(self.scores)


class _Query:
    def __init__(self, text: str):
        words = split_words(text)
        self.words = [w for w in words if w.form not in _STOPWORDS] or list(words)
        if not self.words:
            raise BadInput(f"nothing to search for in {text!r}: give a word, e.g. вербовка or recruitment")
        self._scores: dict[tuple[int, str], float] = {}  # (query word, text word) -> score
        self._texts: dict[str, tuple] = {}

    def word_score(self, i: int, form: str) -> float:
        key = (i, form)
        if key not in self._scores:
            self._scores[key] = _word_score(self.words[i], word(form))
        return self._scores[key]

    def pick(self, words: list[tuple[str, str, str, str, bool]]) -> set[str]:
        """The tokens of the index's vocabulary some word of which some query word matches, from their words
        as `analyse` gave them (token, form, stem, skeleton, cyrillic): `_word_score` above, asked of
        thousands of words at once through rapidfuzz's C loops."""
        from rapidfuzz.fuzz import ratio
        from rapidfuzz.process import extract

        found: set[str] = set()
        for q in self.words:
            found.update(t for t, form, stem, _, _ in words if form == q.form or stem == q.stem
                         or (len(q.form) >= PREFIX_FROM and form.startswith(q.form)))
            if len(q.form) < NEAR_FROM:
                continue
            same = [w for w in words if w[4] == q.cyrillic]
            for i, probe in ((1, q.form), (2, q.stem)):
                found.update(same[k][0] for _, _, k in extract(probe, [w[i] for w in same], scorer=ratio,
                                                                score_cutoff=NEAR, limit=None))
            if len(q.skeleton) >= ACROSS_FROM:
                other = [w for w in words if w[4] != q.cyrillic]
                found.update(other[k][0] for _, _, k in extract(q.skeleton, [w[3] for w in other], scorer=ratio,
                                                                 score_cutoff=ACROSS, limit=None))
        return found

    def match(self, field: str, text: str, term: str | None = None) -> _Match:
        if text not in self._texts:  # each query word's best score in the text, and its first word that has it
            scores: list[float] = [0] * len(self.words)
            spans: list[tuple[int, int] | None] = [None] * len(self.words)
            for m in WORD.finditer(fold(text)):  # (no Word per word: a search reads hundreds of long texts)
                for i in range(len(scores)):
                    score = self.word_score(i, m.group())
                    if score > scores[i]:
                        scores[i], spans[i] = score, m.span()
            self._texts[text] = tuple(scores), tuple(spans)
        return _Match(field, text, term, *self._texts[text])


def _combine(matches: list[_Match]) -> tuple[float, _Match] | None:
    """An entry matches when each query word is found in some text of it or of its elements' terms; the text
    shown is the one that matches best on its own (the entry's own text on a tie)."""
    if not matches:
        return None
    per_word = [max(m.scores[i] for m in matches) for i in range(len(matches[0].scores))]
    score = round(sum(per_word) / len(per_word), 1)
    return (score, max(matches, key=lambda m: m.score)) if score >= MIN_SCORE else None


def _word_score(q: Word, w: Word) -> float:
    """100 for the same word or stem, 90 for a prefix (typing), up to 95 for a near miss, 85 across scripts."""
    from rapidfuzz.fuzz import ratio

    if q.form == w.form or q.stem == w.stem:
        return 100
    if len(q.form) >= PREFIX_FROM and w.form.startswith(q.form):
        return 90
    if len(q.form) < NEAR_FROM:
        return 0
    if q.cyrillic == w.cyrillic:
        near = max(ratio(q.form, w.form), ratio(q.stem, w.stem))
        return min(near, 95) if near >= NEAR else 0
    across = ratio(q.skeleton, w.skeleton)
    return min(across, 85) if across >= ACROSS and len(q.skeleton) >= ACROSS_FROM else 0


# -- result objects -----------------------------------------------------------------------------------------


class Hit(Data):
    citation: str
    kind: Literal["article", "part", "item", "provision"]
    heading: Text | None  # the article's title, or the treaty provision's (English) title
    field: str  # where the match is: "summary", "title.ru", or a vocabulary "label.en" / "synonym.ru"
    text: str
    match_start: int  # text[match_start:match_end] is what matched
    match_end: int
    term: str | None  # the vocabulary id the match went through, if it did (its labels: `labels`)
    summary: str | None
    act: str | None  # the amending act's id, or the instrument's
    when: When | None
    grade: str | None
    score: float


class Suggestion(Data):
    term: str
    nearest: str  # the label or synonym nearest to the query
    score: float


class SearchResult(Data):
    query: str
    on: dt.date
    source: Literal["index", "yaml"]
    index_problem: Literal["stale", "not_an_index"] | None  # why the index was not used, when there is one
    searched: list[str]  # the fields: titles, summaries, texts, vocabulary; and the instruments' ids
    texts: int  # how many texts were compared
    total: int  # hits before --limit
    hits: list[Hit]
    suggestions: list[Suggestion]  # nearest vocabulary terms, when nothing matched
    labels: dict[str, Text]
    acts: dict[str, ActName]  # the amending acts the hits name (an instrument's id is not one)


SEARCHED = ["titles", "summaries", "texts", "vocabulary"]


# Every query word is compared with every word of every text: a bound keeps a pasted paragraph from
# running for minutes.
MAX_QUERY_WORDS, MAX_QUERY_CHARS = 20, 300


def search(kb: KB, text: str, on: dt.date, limit: int = 10, db: Path | None = None) -> SearchResult:
    """Rank the versions in force on `on` against `text`; read them from the index at `db` if it is current."""
    if limit < 1:
        raise BadInput(f"--limit must be at least 1, got {limit}")
    if len(text) > MAX_QUERY_CHARS or len(text.split()) > MAX_QUERY_WORDS:
        raise BadInput(f"the search text is too long ({len(text.split())} words, {len(text)} characters); "
                       f"search for at most {MAX_QUERY_WORDS} words or {MAX_QUERY_CHARS} characters")
    query = _Query(text)
    found, note = None, None
    if db is not None:
        from .index import content_key, search_index

        found, note = search_index(db, content_key(kb), on, query.pick)
    source = "yaml" if found is None else "index"
    if found is None:
        found = Candidates.of([e for e in entries(kb) if e.active(on)])
    return rank(kb, query, text, found, on, limit, source, note)


def rank(kb: KB, query: _Query, text: str, pool: Candidates, on: dt.date, limit: int,
         source: str, note: str | None) -> SearchResult:
    candidates = pool.entries
    terms = {e.citation: e for e in candidates if e.kind == "term"}
    titles = {e.citation: dict(e.texts) for e in candidates if e.kind == "article"}

    def title(texts: dict) -> Text:
        return Text(**{lang: texts.get(f"title.{lang}") for lang in LANGS})

    @lru_cache(maxsize=None)
    def through(vid: str) -> tuple[list[_Match], tuple[float, ...]]:
        """A term's matches, and its best score for each query word: thousands of entries share a term."""
        found = [query.match(f, t, vid) for f, t in terms[vid].texts]
        return found, tuple(max((m.scores[i] for m in found), default=0) for i in range(len(query.words)))

    def matches(e: Entry, own: bool = True) -> list[_Match]:
        via = [m for vid in e.elements if vid in terms for m in through(vid)[0]]
        return [*(query.match(f, t) for f, t in e.texts), *via] if own else via

    def score(e: Entry) -> float | None:
        # When its terms match every query word fully, the entry's own texts cannot raise its score: a
        # whole-Code KB has thousands of entries found through one term, and reading their texts is most
        # of a search. The texts of the hits shown are read below.
        best = [through(vid)[1] for vid in e.elements if vid in terms]
        if best and all(max(b[i] for b in best) == 100 for i in range(len(query.words))):
            return _combine(matches(e, own=False))[0]
        found = _combine(matches(e))
        return None if found is None else found[0]

    def hit(e: Entry, score: float) -> Hit:
        _, m = _combine(matches(e))
        spans = [s for s in m.spans if s]
        own = dict(e.texts)
        heading = Text(en=own.get("title")) if e.kind == "provision" else \
            title(titles.get(e.citation.split(".")[0], {}))
        return Hit(citation=e.citation, kind=e.kind, heading=heading, field=m.field, text=m.text,
                   match_start=min((s[0] for s in spans), default=0), match_end=max((s[1] for s in spans), default=0),
                   term=m.term, summary=own.get("summary"), act=e.act, when=e.when, grade=e.grade, score=score)

    scored = [(s, e) for e in candidates if e.kind != "term" and (s := score(e)) is not None]
    scored.sort(key=lambda s: (-s[0], KIND_RANK[s[1].kind], s[1].order))
    hits = [hit(e, s) for s, e in scored[:limit]]
    suggestions = [] if scored else _suggest(kb, text)
    used = {h.term for h in hits if h.term} | {s.term for s in suggestions}
    return SearchResult(
        query=text, on=on, source=source, index_problem=note, searched=[*SEARCHED, *pool.instruments],
        texts=pool.texts, total=len(scored), hits=hits, suggestions=suggestions,
        labels={t: kb.vocabulary.terms[t].label for t in sorted(used) if t in kb.vocabulary.terms},
        acts=act_names(kb, [h.act for h in hits if h.act]))


def _suggest(kb: KB, text: str) -> list[Suggestion]:
    """The vocabulary terms nearest to a query that matched nothing."""
    return [Suggestion(term=vid, nearest=phrase, score=round(score, 1)) for vid, phrase, score in nearest(kb, text)]
