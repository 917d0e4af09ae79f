"""eval: questions.jsonl -> pipeline per question -> metrics -> report + compare with baseline.

No LLM judge: an answer is right when every `must_include` group matches the answer text the
user sees (see rag.metrics.matches). Metric names and their directions live in METRICS; the
CLI (`rag eval`) only renders what this module returns. Report files are in rag/report.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, model_validator

from . import metrics as m
from .errors import InputError
from .settings import Settings
from .types import Answer

# Any label a question file uses is a type: metrics are broken down per label that appears
# (ours: fact, numeric, temporal, multi, comparison, false_premise, comments, unanswerable).
QuestionType = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                max_length=64)]
RETRIEVE_K = 10  # file-level retrieval metrics look at this many chunks
EVIDENCE_K = 5  # evidence hit: must_include found in the text of this many top chunks

# name -> (higher is better, default tolerance). Rates fail on an absolute drop larger than the
# tolerance; latency is not gated unless --tolerance gives one, and then it is relative
# (0.5 = fail when more than 50% slower) because absolute milliseconds differ per machine.
METRICS: dict[str, tuple[bool, float | None]] = {
    "accuracy": (True, 0.02),
    "citation_hit": (True, 0.02),
    "citation_precision": (True, 0.02),
    "abstention_precision": (True, 0.02),
    "abstention_recall": (True, 0.02),
    "hit_at_1": (True, 0.02),
    "hit_at_5": (True, 0.02),
    "mrr_at_10": (True, 0.02),
    "evidence_hit_at_5": (True, 0.02),
    "support_rate": (True, 0.02),
    "quote_validity": (True, 0.02),
    "latency_p50_ms": (False, None),
    "latency_p95_ms": (False, None),
}
# Settings that change answers; their hash names a run and tells baselines apart.
ANSWER_KEYS = ("embedder", "index_type", "chunk_size", "chunk_overlap", "k", "answerer")
LLM_KEYS = ("llm_backend", "llm_model", "strict")


class _Row(BaseModel):
    """One line of the question file, exactly these fields."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str
    type: QuestionType
    question: str
    answerable: bool
    gold_files: list[str]
    must_include: list[list[str]]

    @model_validator(mode="after")
    def _consistent(self) -> _Row:
        if not self.id.strip() or not self.question.strip():
            raise ValueError("id and question must not be empty")
        if not self.answerable and (self.gold_files or self.must_include):
            raise ValueError("an unanswerable question needs empty gold_files and must_include")
        if self.answerable and not (self.gold_files and self.must_include):
            raise ValueError("an answerable question needs gold_files and must_include")
        if any(not g or not all(a.strip() for a in g) for g in self.must_include):
            raise ValueError(
                'each must_include group is a non-empty list of strings, e.g. [["15 days"]]'
            )
        return self


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    question: str
    answerable: bool
    gold_files: tuple[str, ...]
    must_include: tuple[tuple[str, ...], ...]
    line: int  # 1-based line in the question file, for error messages


def load_questions(path: Path) -> list[Question]:
    """Read and validate a question file (JSON lines); InputError names the bad line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read question file {path} ({e}); pass --questions FILE") from e
    out: list[Question] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = _Row.model_validate(json.loads(raw))
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg}); write one object per line") from e
        except ValidationError as e:
            err = e.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "line"
            raise InputError(
                f"{where}: {field}: {err['msg']}; fields are id, type, question, answerable, "
                "gold_files, must_include (see README, Eval)"
            ) from e
        if row.id in seen:
            raise InputError(
                f"{where}: id {row.id!r} already used on line {seen[row.id]}; make ids unique"
            )
        seen[row.id] = n
        out.append(Question(
            id=row.id, type=row.type, question=row.question, answerable=row.answerable,
            gold_files=tuple(row.gold_files),
            must_include=tuple(tuple(g) for g in row.must_include),
            line=n,
        ))
    if not out:
        raise InputError(f"{path} has no questions; add one JSON object per line")
    return out


def check_gold_files(questions: Sequence[Question], corpus: Path, source: Path) -> None:
    """Every gold file must exist in the corpus, else the run would score against nothing."""
    for q in questions:
        for f in q.gold_files:
            if not (corpus / f).is_file():
                raise InputError(
                    f"{source}:{q.line}: gold file {f!r} is not in {corpus}; fix gold_files "
                    "or pass the matching --corpus"
                )


def settings_hash(settings: Settings, mode: str = "hybrid") -> tuple[str, dict[str, Any]]:
    """(8-hex hash, the settings it covers): what changes answers, not paths or timeouts."""
    keys = ANSWER_KEYS + (LLM_KEYS if settings.answerer == "llm" else ())
    used: dict[str, Any] = {k: getattr(settings, k) for k in keys}
    used["mode"] = mode
    blob = json.dumps(used, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode()).hexdigest()[:8], used


@dataclass(frozen=True)
class Result:
    """One question's outcome; None means the metric does not apply to this question."""

    id: str
    type: str
    question: str
    answerable: bool
    abstained: bool
    answer: str
    correct: bool | None  # answerable only: must_include satisfied and not abstained
    missing: tuple[tuple[str, ...], ...]  # must_include groups not found in the answer
    cited_files: tuple[str, ...]
    citation_hit: bool | None  # answerable and answered only
    citation_precision: float | None
    retrieved_files: tuple[str, ...]  # distinct files of the top RETRIEVE_K chunks, in rank order
    gold_rank: int | None  # rank of the first gold file among retrieved_files
    evidence_hit: bool | None  # all must_include groups found in the top EVIDENCE_K chunks
    sentences: int  # answer sentences checked for support (0 when abstained)
    supported: int
    quotes_valid: bool | None  # every citation quote is verbatim in its file; None: no citations
    latency_ms: float


def shown_answer(question: str, answer: Answer) -> str:
    """The text must_include is matched against: the answer text; for a choice question only
    its pick, since the notes name the options that lost ("No passage names X")."""
    from .query import split_options

    if split_options(question)[1] and not answer.abstained:
        return answer.short_answer or ""
    return answer.answer


def score(
    q: Question,
    answer: Answer,
    chunk_files: Sequence[str],
    chunk_texts: Sequence[str],
    verified: Sequence[bool],
    answerer: str = "extractive",
    strict: bool = False,
) -> Result:
    """Score one answered question. `verified[i]`: citation i's quote is verbatim in its file.

    Support: for the extractive answerer every answer sentence is a cited quote, so it is the
    verified citations; for the LLM answerer it is the answer sentences minus `unsupported`
    (with --strict those were dropped from the text, so they are added back to the count).
    """
    answered = q.answerable and not answer.abstained
    missing = m.missing_groups(shown_answer(q.question, answer), q.must_include) \
        if q.answerable else ()
    cited = tuple(m.dedupe(c.file for c in answer.citations))
    files = m.dedupe(chunk_files[:RETRIEVE_K])
    top = "\n".join(chunk_texts[:EVIDENCE_K])
    if answer.abstained:
        sentences = supported = 0
    elif answerer == "llm":
        from .verify import split_sentences  # the LLM answerer's own split, so counts agree

        body = answer.answer
        for note in answer.notes:
            body = body.replace(note, "")
        sentences = len(split_sentences(body)) + (len(answer.unsupported) if strict else 0)
        sentences = max(sentences, len(answer.unsupported))
        supported = sentences - len(answer.unsupported)
    else:
        sentences, supported = len(verified), sum(verified)
    return Result(
        id=q.id,
        type=q.type,
        question=q.question,
        answerable=q.answerable,
        abstained=answer.abstained,
        answer=answer.answer,
        correct=(not missing and not answer.abstained) if q.answerable else None,
        missing=missing,
        cited_files=cited,
        citation_hit=m.citation_hit(cited, q.gold_files) if answered else None,
        citation_precision=m.citation_precision(cited, q.gold_files) if answered else None,
        retrieved_files=tuple(files),
        gold_rank=m.first_gold_rank(files, q.gold_files, RETRIEVE_K) if q.answerable else None,
        evidence_hit=not m.missing_groups(top, q.must_include) if q.answerable else None,
        sentences=sentences,
        supported=supported,
        quotes_valid=all(verified) if verified else None,
        latency_ms=float(answer.timings_ms.get("total", 0.0)),
    )


def summarize(results: Sequence[Result]) -> dict[str, float | None]:
    """The METRICS over a set of results; None where no question qualifies."""
    ans = [r for r in results if r.answerable]
    precision, recall = m.precision_recall(
        [r.abstained for r in results], [not r.answerable for r in results]
    )
    lat = [r.latency_ms for r in results]
    return {
        "accuracy": m.mean(r.correct for r in ans),
        "citation_hit": m.mean(r.citation_hit for r in ans),
        "citation_precision": m.mean(r.citation_precision for r in ans),
        "abstention_precision": precision,
        "abstention_recall": recall,
        "hit_at_1": m.mean(r.gold_rank == 1 for r in ans),
        "hit_at_5": m.mean(r.gold_rank is not None and r.gold_rank <= 5 for r in ans),
        "mrr_at_10": m.mean(1 / r.gold_rank if r.gold_rank else 0.0 for r in ans),
        "evidence_hit_at_5": m.mean(r.evidence_hit for r in ans),
        "support_rate": m.ratio(
            sum(r.supported for r in results), sum(r.sentences for r in results)
        ),
        "quote_validity": m.mean(r.quotes_valid for r in results),
        "latency_p50_ms": m.percentile(lat, 50),
        "latency_p95_ms": m.percentile(lat, 95),
    }


def by_type(results: Sequence[Result]) -> dict[str, dict[str, float | None]]:
    """summarize() per question type, in first-seen order."""
    types = m.dedupe(r.type for r in results)
    return {t: summarize([r for r in results if r.type == t]) for t in types}


@dataclass(frozen=True)
class Report:
    created: str  # UTC, e.g. 20250611T093000Z
    settings_hash: str
    settings: dict[str, Any]
    corpus: str
    questions_file: str
    questions_sha: str
    overall: dict[str, float | None]
    by_type: dict[str, dict[str, float | None]]
    results: tuple[Result, ...]

    @property
    def name(self) -> str:
        """File stem for eval/runs/: `<UTC timestamp>-<settings hash>`."""
        return f"{self.created}-{self.settings_hash}"


def run(
    settings: Settings,
    questions_path: Path,
    mode: str = "hybrid",
    on_result: Callable[[int, int, Result], None] | None = None,
    build: Callable[[Settings], Any] | None = None,
) -> Report:
    """Answer every question with one loaded Pipeline (as `rag ask` would) and score it."""
    from .cite import quote_in_file
    from .index import ensure_index
    from .pipeline import Pipeline

    questions = load_questions(questions_path)
    check_gold_files(questions, settings.corpus_dir, questions_path)
    ensure_index(settings, build)
    pipeline = Pipeline(settings, mode=mode)
    results = []
    for i, q in enumerate(questions, start=1):
        hits = pipeline.retrieve(q.question, k=RETRIEVE_K)
        answer = pipeline.ask(q.question)
        verified = [quote_in_file(c, settings.corpus_dir) for c in answer.citations]
        result = score(
            q, answer, [h.chunk.file for h in hits], [h.chunk.text for h in hits], verified,
            answerer=settings.answerer, strict=settings.strict,
        )
        results.append(result)
        if on_result:
            on_result(i, len(questions), result)
    digest, used = settings_hash(settings, mode)
    return Report(
        created=dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        settings_hash=digest,
        settings=used,
        corpus=str(settings.corpus_dir),
        questions_file=str(questions_path),
        questions_sha=hashlib.sha1(questions_path.read_bytes()).hexdigest()[:12],
        overall=summarize(results),
        by_type=by_type(results),
        results=tuple(results),
    )


def parse_tolerances(items: Sequence[str]) -> dict[str, float]:
    """['accuracy=0.05', ...] -> {'accuracy': 0.05}; InputError on unknown names or values."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in METRICS:
            raise InputError(
                f"bad --tolerance {item!r}; use metric=value with a metric among "
                + ", ".join(METRICS)
            )
        try:
            out[name] = float(value)
        except ValueError:
            raise InputError(f"bad --tolerance {item!r}; the value must be a number") from None
        if out[name] < 0:
            raise InputError(f"bad --tolerance {item!r}; the value must be >= 0")
    return out


@dataclass(frozen=True)
class Delta:
    metric: str
    baseline: float | None
    current: float | None
    tolerance: float | None  # None: reported, not gated
    regressed: bool

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


def compare(
    baseline: dict[str, float | None],
    current: dict[str, float | None],
    tolerances: dict[str, float] | None = None,
) -> list[Delta]:
    """Per-metric deltas; a metric regresses when it drops by more than its tolerance.

    >>> [d.regressed for d in compare({"accuracy": 0.8}, {"accuracy": 0.77})][0]
    True
    """
    tolerances = tolerances or {}
    out = []
    for name, (higher_better, default) in METRICS.items():
        if name not in baseline and name not in current:
            continue
        old, new = baseline.get(name), current.get(name)
        tol = tolerances.get(name, default)
        regressed = False
        if tol is not None and old is not None and new is not None:
            if higher_better:
                regressed = old - new > tol + 1e-9
            else:  # latency: relative
                regressed = new > old * (1 + tol) + 1e-9
        out.append(Delta(name, old, new, tol, regressed))
    return out


def regression_line(deltas: Sequence[Delta]) -> str | None:
    """One line naming the regressed metrics and by how much, or None."""
    bad = [d for d in deltas if d.regressed]
    if not bad:
        return None
    parts = []
    for d in bad:
        assert d.baseline is not None and d.current is not None
        if METRICS[d.metric][0]:
            parts.append(f"{d.metric} {d.baseline:.3f} -> {d.current:.3f} ({d.change:+.3f}, "
                         f"tolerance {d.tolerance})")
        else:
            parts.append(f"{d.metric} {d.baseline:.0f} -> {d.current:.0f} ms "
                         f"(+{d.current / d.baseline - 1:.0%}, tolerance +{d.tolerance:.0%})")
    return "regressed vs baseline: " + "; ".join(parts)
