"""Sentence-level evidence scoring inside the retrieved passages (our reranker).

No reranker, NLI or QA model ships offline, so support is scored from features we can explain:
embedding similarity of sentence and question, IDF-weighted term coverage, coverage of the names
in the question, whether the sentence holds what the question type asks for (a date, a number,
a name), agreement with the years the question names, and the passage's retrieval rank.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from . import scorer as fitted
from .dates import MONTHS, clock_times, day_of_month, unresolved
from .embed import embed_queries
from .index import Index
from .ingest import CommentHead, comment_heads
from .query import SOFT_WEIGHT, Query
from .spans import asks_planned, gives_figure
from .text import (
    COMMENT_WORDS,
    NAME,
    PLACE_CUE,
    PRONOUN_START,
    SCRAPE_META,
    STOPWORDS,
    capitalised_in,
    hedged,
    stem,
    stems,
    term_present,
)
from .types import Evidence, Hit

MONTH_NAMES = frozenset(m.title() for m in MONTHS)

_COMMENT_VERB = re.compile(r"\b(responded|said|wrote|commented)\b", re.I)  # in a header
EMBED_MAX = 8  # sentences embedded per question (~5 ms each on 2 cores): the cold-ask budget


_STRAY_OPENER = re.compile(r"\s+[\"“‘(\[]+$")


class Candidate:
    __slots__ = ("hit", "rank", "start", "end", "line", "dates", "text", "low", "stems",
                 "context_years", "author", "posted")

    def __init__(self, hit: Hit, rank: int, start: int, end: int, line: int,
                 ds: list[str]) -> None:
        c = hit.chunk
        text = c.text[start - c.start : end - c.start]
        # The sentencizer leaves the next sentence's opening quote or bracket at the end ("...
        # since 2014. “As friends ..."): it is not part of this one, so it is not quoted.
        stray = _STRAY_OPENER.search(text)
        if stray:
            text, end = text[: stray.start()], start + stray.start()
        self.hit, self.rank, self.start, self.end, self.line = hit, rank, start, end, line
        self.dates = tuple(ds)
        self.text = text
        self.low = self.text.lower()
        self.stems = stems(self.text)
        self.context_years: frozenset[str] = frozenset()  # years of the sentences before it
        self.author: str | None = None
        self.posted: str | None = None

    def attribute(self, head: CommentHead) -> None:
        """A reader comment's sentence: its author and "comment" count as words it contains,
        so "what does commenter qiuwei say" finds what qiuwei wrote."""
        self.author, self.posted = head.author, head.posted
        extra = f"{head.author} comment commenter reader"
        self.low = f"{self.low} {extra.lower()}"
        self.stems = self.stems | stems(extra)


def candidates(hits: Sequence[Hit], index: Index) -> list[Candidate]:
    """Sentences of the retrieved chunks, de-duplicated by text (roundups repeat wire copy)."""
    by_chunk = index.sentences([h.chunk.id for h in hits])
    seen: set[str] = set()
    out = []
    heads: dict[tuple[str, int], list[CommentHead]] = {}
    for rank, hit in enumerate(hits):
        key_doc = (hit.chunk.file, hit.chunk.article)
        if hit.chunk.section == "comments" and key_doc not in heads:
            heads[key_doc] = comment_heads(index.document(*key_doc).lines)
        context: frozenset[str] = frozenset()
        prev: tuple[int, int, list[str]] | None = None  # (start, line, dates) of the last one
        for start, end, line, ds in by_chunk.get(hit.chunk.id, []):
            here = (start, line, ds)
            text = hit.chunk.text[start - hit.chunk.start : end - hit.chunk.start]
            if prev is not None and prev[1] == line and PRONOUN_START.match(text):
                # "She warned that ..." says who only in the sentence before: quote both (they
                # are one stretch of the same line, so the quote stays verbatim).
                start, ds = prev[0], list(dict.fromkeys([*prev[2], *ds]))
            prev = here
            cand = Candidate(hit, rank, start, end, line, ds)
            # "It also recorded a deficit" after "...in 2023": the year carries forward.
            cand.context_years = context
            context = frozenset(d[:4] for d in ds) or context
            key = re.sub(r"\W+", " ", cand.low).strip()
            if len(key) < 12 or key in seen or SCRAPE_META.fullmatch(cand.text.strip()):
                continue
            seen.add(key)
            head = next((h for h in reversed(heads.get(key_doc, [])) if h.line <= line), None)
            if hit.chunk.section == "comments":
                if head is None or (head.line == line and head.author in cand.text
                                    and _COMMENT_VERB.search(cand.text)):
                    # "Responses to ...", "5. On September 12, 2014 at 8:44 pm qiuwei responded
                    # with... #": the comments' scaffolding, not what anyone wrote.
                    continue
                cand.attribute(head)
            out.append(cand)
    return out


def type_match(qtype: str, cand: Candidate, query_terms: set[str]) -> float:
    if qtype == "when":  # a date; in an undated article also "on March 7", "at 12:30am",
        # "next Tuesday", "until March"
        return 1.0 if (cand.dates or day_of_month(cand.text) or clock_times(cand.text)
                       or unresolved(cand.text)) else 0.0
    if qtype == "numeric":  # a figure; a year or a day of the month dates, it counts nothing
        return 1.0 if gives_figure(cand.text) else 0.0
    if qtype == "who":
        names = [n for n in NAME.findall(cand.text)
                 if not set(re.split(r"[ -]", n.lower())) <= query_terms]
        return 1.0 if names else 0.0
    if qtype == "where":
        places = [p for p in PLACE_CUE.findall(cand.text) if p.lower() not in query_terms]
        return 1.0 if places else 0.0
    return 0.5


_CAPITAL = re.compile(r"(?<=[\s(“\"'])([A-Z][\w’'-]+)")


def new_name(cand: Candidate, query_terms: set[str]) -> float:
    """1.0 when the sentence names something (a capitalised word past its first) the question
    does not: what a "which team / who / where" question wants is usually a name it lacks."""
    return float(any(w.lower().split("’")[0].split("'")[0] not in query_terms
                     and w.lower() not in STOPWORDS and w not in MONTH_NAMES
                     for w in _CAPITAL.findall(cand.text)))


def year_match(query: Query, cand: Candidate) -> float:
    """+1 when the sentence is about a year the question names, -1 if not. A sentence that names
    no year is about the last year its chunk named before it, else its article's year."""
    years = {d[:4] for d in cand.dates} or set(cand.context_years)
    article = cand.hit.chunk.date[:4] if cand.hit.chunk.date else None
    if query.before or query.after:  # "before his 2025 APEC trip": a year inside the bounds
        seen = years or ({article} if article else set())
        if not seen:
            return 0.0
        # Inclusive: "after Xi's 2014 visit" may still be 2014, later that year.
        inside = [y for y in seen if (not query.before or int(y) <= query.before)
                  and (not query.after or int(y) >= query.after)]
        return 1.0 if inside else -1.0
    if not query.years:
        return 0.0
    wanted = {str(y) for y in query.years}
    if years & wanted or (article in wanted and not years):
        return 1.0
    return -1.0


def phrase_match(query: Query, low: str) -> float:
    """Share of adjacent question-term pairs ("security adviser") found adjacent in the sentence.

    Pairs inside a name ("lee jae", "jae myung") do not count: a name's parts always travel
    together, and the names feature already scores them.
    """
    caps = {part for c in query.capitalized for part in c.split("-")}
    terms = [(stem(t), t in caps) for t in query.terms]
    pairs = {(a, b) for (a, a_cap), (b, b_cap) in zip(terms, terms[1:], strict=False)
             if not (a_cap and b_cap)}
    if not pairs:
        return 0.0
    words = [stem(w) for w in re.findall(r"[a-z0-9]+", low)]
    present = set(zip(words, words[1:], strict=False))
    return len(pairs & present) / len(pairs)


def _when(cand: Candidate) -> str:
    """The newest date a sentence names, else its article's date ('' when neither)."""
    return max(cand.dates) if cand.dates else (cand.hit.chunk.date or "")


def features(query: Query, cands: Sequence[Candidate]) -> list[dict[str, float]]:
    """The evidence model's inputs for each candidate sentence (all cheap: no embedding)."""
    # IDF over the candidate pool: a term found in every retrieved sentence ("China") says little.
    df = Counter(t for c in cands
                 for t in {t for t in query.terms if term_present(t, c.low, c.stems)})
    n = len(cands)
    weight = {
        t: math.log(1.0 + n / (1.0 + df[t])) * (SOFT_WEIGHT if query.soft(t) else 1.0)
        for t in query.terms
    }
    total = sum(weight.values()) or 1.0
    pool_caps = set().union(*(capitalised_in(c.text) for c in cands)) if cands else set()
    names = [t for t in query.terms if t in pool_caps or t in query.capitalized]
    name_total = sum(weight[t] for t in names) or 1.0
    wants_comments = bool(COMMENT_WORDS.search(query.text))
    planned = asks_planned(query.text)
    qterms = set(query.terms)
    titles: dict[str, tuple[str, set[str]]] = {}
    # "When did Xi last visit Seoul?": how new (or, for "first", how old) the sentence's date is
    # among the dated candidates, 1.0 for the newest (oldest), times its term coverage.
    keyed = sorted({_when(c) for c in cands if _when(c)})
    order = {k: i / max(1, len(keyed) - 1) for i, k in enumerate(keyed)}
    out = []
    for cand in cands:
        present = [t for t in query.terms if term_present(t, cand.low, cand.stems)]
        title = cand.hit.chunk.title
        if title not in titles:
            titles[title] = (title.lower(), stems(title))
        # A term only the article's title has ("the Misguided Romance article") is context the
        # sentence stands in.
        in_title = [t for t in query.terms if t not in present and term_present(t, *titles[title])]
        year = year_match(query, cand)
        comment = cand.hit.chunk.section == "comments"
        hit = cand.hit
        lex = sum(weight[t] for t in present) / total
        out.append({
            "chunk_dense": float(hit.dense) if hit.dense is not None else 0.0,
            "lex": lex,
            "title_lex": sum(weight[t] for t in in_title) / total,
            "names": sum(weight[t] for t in names if t in present) / name_total if names else 0.0,
            "phrase": phrase_match(query, cand.low),
            "type": type_match(query.type, cand, qterms),
            "new_name": new_name(cand, qterms),
            "year_ok": float(year > 0),
            "year_wrong": float(year < 0),
            "rank": 1.0 / (1 + cand.rank),
            "bm25": 1.0 / (1 + hit.bm25_rank) if hit.bm25_rank is not None else 0.0,
            # A question (a subheading: "What was discussed?") asserts nothing.
            "asks": float(cand.text.rstrip(" ”\"'").endswith("?")),
            # Reader comments are opinion, not reporting, unless the question asks for them.
            "comment_unasked": float(comment and not wants_comments),
            "comment_asked": float(comment and wants_comments),
            # A reader comment by the commenter the question names ("what does qiuwei say").
            "author_asked": float(cand.author is not None
                                  and cand.author.lower() in query.text.lower()),
            # News puts the main facts first (the inverted pyramid).
            "lead": 1.0 / (1.0 + cand.start / 1000.0),
            "short": float(len(cand.text) < 60),
            # Unrealised ("expected to", "plans to"), unless that is what the question asks.
            "hedged": float(hedged(cand.text) and not planned),
            # Newer counts as much as the sentence is about the question: the newest mention of
            # anything is not the last time the asked thing happened.
            "newest": (order.get(_when(cand), 0.0) * lex if query.direction == "latest"
                       else 0.0),
            "oldest": ((1.0 - order[_when(cand)]) * lex
                       if _when(cand) and query.direction == "earliest" else 0.0),
            "missing": float(len(query.terms) - len(present)) / max(1, len(query.terms)),
        })
    return out


def to_evidence(cand: Candidate, feats: dict[str, float], prob: float) -> Evidence:
    return Evidence(chunk=cand.hit.chunk, text=cand.text, start=cand.start, end=cand.end,
                    line=cand.line, score=float(prob), dates=cand.dates, features=feats,
                    author=cand.author, posted=cand.posted)


def score(query: Query, hits: Sequence[Hit], index: Index, encoder: Any,
          limit: int | None = 40) -> list[Evidence]:
    """The best `limit` evidence sentences for the question, best first; `Evidence.score` is
    the fitted probability that the sentence holds the answer (rag/data/scorer.json)."""
    cands = candidates(hits, index)
    if not cands:
        return []
    model = fitted.load()
    feats = features(query, cands)
    cheap = sorted(((model.cheap.prob(f), c, f) for c, f in zip(cands, feats, strict=True)),
                   key=lambda t: -t[0])
    # Embedding sentences is the expensive step: only the EMBED_MAX best by the cheap model are
    # embedded and rescored by the full model; the rest keep their cheap probability.
    top = cheap[:EMBED_MAX]
    sims = encoder.embed([c.text for _, c, _ in top]) @ embed_queries(encoder, [query.text])[0]
    scored = []
    for i, (p, cand, f) in enumerate(cheap):
        if i < len(top):
            f["dense"] = float(sims[i])
            p = model.full.prob(f)
        scored.append(to_evidence(cand, f, p))
    scored.sort(key=lambda e: -e.score)
    return scored if limit is None else scored[:limit]
