"""Eval report files: JSON + Markdown runs under eval/runs/, baselines, and the history chart.

The JSON shape is `RunFile`; a baseline is simply a run file kept at eval/baseline.json.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError
from .evaluate import METRICS, Report

RATE_METRICS = [k for k, (higher, _) in METRICS.items() if higher]
LATENCY_METRICS = [k for k, (higher, _) in METRICS.items() if not higher]


class ResultRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    type: str
    question: str = ""
    answerable: bool
    abstained: bool
    answer: str = ""
    correct: bool | None = None
    missing: list[list[str]] = []
    cited_files: list[str] = []
    citation_hit: bool | None = None
    citation_precision: float | None = None
    retrieved_files: list[str] = []
    gold_rank: int | None = None
    evidence_hit: bool | None = None
    sentences: int = 0
    supported: int = 0
    quotes_valid: bool | None = None
    latency_ms: float = 0.0


class RunFile(BaseModel):
    """What `rag eval` writes (eval/runs/*.json, --json OUT, eval/baseline.json)."""

    model_config = ConfigDict(extra="ignore")

    version: int = 1
    created: str
    settings_hash: str
    settings: dict[str, Any]
    corpus: str
    questions_file: str
    questions_sha: str
    counts: dict[str, int] = {}
    overall: dict[str, float | None]
    by_type: dict[str, dict[str, float | None]] = {}
    results: list[ResultRow] = []


def to_run_file(report: Report) -> RunFile:
    rows = [ResultRow(**asdict(r)) for r in report.results]
    counts = {
        "questions": len(rows),
        "answerable": sum(r.answerable for r in rows),
        "unanswerable": sum(not r.answerable for r in rows),
        "correct": sum(bool(r.correct) for r in rows),
        "abstained": sum(r.abstained for r in rows),
    }
    fields = {k: v for k, v in asdict(report).items() if k != "results"}
    return RunFile(**fields, counts=counts, results=rows)


def write_json(run: RunFile, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(run.model_dump_json(indent=1) + "\n", encoding="utf-8")
    return path


def read_run(path: Path) -> RunFile:
    """A run or baseline file; InputError says how to regenerate it when unreadable."""
    try:
        return RunFile.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"baseline {path} does not exist; create it with `rag eval --update-baseline`"
        ) from None
    except (OSError, UnicodeDecodeError, ValidationError, json.JSONDecodeError) as e:
        first = str(e).splitlines()[0]
        raise InputError(
            f"{path} is not an eval run file ({first}); regenerate it with "
            "`rag eval --update-baseline`"
        ) from e


def fmt(metric: str, value: float | None) -> str:
    """A metric for people: rates with 3 decimals, latency in whole ms, n/a for None."""
    if value is None:
        return "n/a"
    return f"{value:.0f}" if metric in LATENCY_METRICS else f"{value:.3f}"


def markdown(run: RunFile) -> str:
    """The human report: settings, overall and per-type tables, then what went wrong."""
    lines = [
        f"# Eval {run.created} ({run.settings_hash})",
        "",
        f"- corpus: `{run.corpus}`, questions: `{run.questions_file}` (sha {run.questions_sha})",
        "- settings: " + ", ".join(f"{k}={v}" for k, v in run.settings.items()),
        "- counts: " + ", ".join(f"{k} {v}" for k, v in run.counts.items()),
        "",
        "| metric | overall | " + " | ".join(run.by_type) + " |",
        "|---|---:|" + "---:|" * len(run.by_type),
    ]
    for name in METRICS:
        cells = [fmt(name, run.overall.get(name))]
        cells += [fmt(name, t.get(name)) for t in run.by_type.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    wrong = [r for r in run.results if r.correct is False]
    false_answers = [r for r in run.results if not r.answerable and not r.abstained]
    lines += ["", f"## Wrong or abstained on answerable ({len(wrong)})", ""]
    for r in wrong:
        why = "abstained" if r.abstained else "missing " + "; ".join(
            " / ".join(g) for g in r.missing
        )
        lines.append(f"- **{r.id}** ({r.type}) {r.question} — {why}; gold rank {r.gold_rank}")
    lines += ["", f"## Answered an unanswerable question ({len(false_answers)})", ""]
    for r in false_answers:
        first = r.answer.splitlines()[0] if r.answer else ""
        lines.append(f"- **{r.id}** {r.question} — {first[:160]}")
    return "\n".join(lines) + "\n"


def write_run(run: RunFile, runs_dir: Path) -> tuple[Path, Path]:
    """eval/runs/<UTC timestamp>-<settings hash>.{json,md}."""
    stem = f"{run.created}-{run.settings_hash}"
    json_path = write_json(run, runs_dir / f"{stem}.json")
    md_path = runs_dir / f"{stem}.md"
    md_path.write_text(markdown(run), encoding="utf-8")
    return json_path, md_path


def newly_wrong(baseline: RunFile, current: RunFile) -> list[str]:
    """Ids of questions the baseline got right and this run does not."""
    old = {r.id: r.correct for r in baseline.results}
    return [r.id for r in current.results if old.get(r.id) is True and r.correct is False]


def load_runs(runs_dir: Path) -> tuple[list[RunFile], int]:
    """(readable runs oldest first, number of unreadable files skipped)."""
    runs, skipped = [], 0
    for path in sorted(runs_dir.glob("*.json")):
        try:
            runs.append(read_run(path))
        except InputError:
            skipped += 1
    runs.sort(key=lambda r: r.created)
    return runs, skipped


def history(runs_dir: Path, out: Path | None = None) -> tuple[Path, int]:
    """Plot metrics across the runs of the newest run's question file; (PNG path, runs plotted)."""
    runs, _ = load_runs(runs_dir)
    if not runs:
        raise InputError(f"no eval runs in {runs_dir}; run `rag eval` first")
    newest = runs[-1]
    runs = [r for r in runs
            if r.questions_sha == newest.questions_sha and r.corpus == newest.corpus]

    from .extras import require

    matplotlib = require("matplotlib", "eval")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = list(range(len(runs)))
    labels = [f"{r.created[4:6]}-{r.created[6:8]} {r.created[9:11]}:{r.created[11:13]}\n"
              f"{r.settings_hash}" for r in runs]
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(max(10, 1.1 * len(runs) + 5), 9), sharex=True,
        gridspec_kw={"height_ratios": [3, 1]},
    )
    # Distinct colour + marker + dash per metric, and the latest value in the legend, so
    # metrics sitting on the same value (often 1.0) stay readable.
    cmap = plt.get_cmap("tab10")
    markers, dashes = "os^vDP*Xhp<", ["-", "--", ":", "-."]
    for i, name in enumerate(RATE_METRICS):
        ys = [r.overall.get(name) for r in runs]
        top.plot(x, [float("nan") if y is None else y for y in ys], color=cmap(i % 10),
                 marker=markers[i % len(markers)], linestyle=dashes[i % len(dashes)],
                 markersize=7 - i * 0.3, label=f"{name} ({fmt(name, ys[-1])})")
    top.set_ylim(0, 1.02)
    top.set_ylabel("rate")
    top.grid(alpha=0.3)
    top.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
    top.set_title(f"rag eval history: {Path(newest.questions_file).name} on {newest.corpus}")
    for name in LATENCY_METRICS:
        ys = [r.overall.get(name) for r in runs]
        bottom.plot(x, [float("nan") if y is None else y for y in ys], marker="s",
                    label=f"{name} ({fmt(name, ys[-1])})")
    bottom.set_ylabel("ms")
    bottom.set_ylim(bottom=0)
    bottom.grid(alpha=0.3)
    bottom.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
    bottom.set_xticks(x, labels, fontsize=8)
    fig.tight_layout()
    out = out or runs_dir / "history.png"
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out, len(runs)


# Short column labels; the terminal view is two tables (answers, retrieval) with one row per
# question type so each fits an 80-column terminal.
LABELS = {
    "accuracy": "accuracy", "citation_hit": "cite\nhit", "citation_precision": "cite\nprec",
    "abstention_precision": "abstain\nprec", "abstention_recall": "abstain\nrecall",
    "support_rate": "support", "quote_validity": "quotes\nok",
    "hit_at_1": "file\nhit@1", "hit_at_5": "file\nhit@5", "mrr_at_10": "file\nMRR@10",
    "evidence_hit_at_5": "evidence\nhit@5", "latency_p50_ms": "p50\nms",
    "latency_p95_ms": "p95\nms",
}
TABLES = {
    "answers": ["accuracy", "citation_hit", "citation_precision", "abstention_precision",
                "abstention_recall", "support_rate", "quote_validity"],
    "retrieval and latency": ["hit_at_1", "hit_at_5", "mrr_at_10", "evidence_hit_at_5",
                              "latency_p50_ms", "latency_p95_ms"],
}


def metrics_tables(run: RunFile) -> list[Any]:
    """Rich tables: rows = all questions then each type; columns = metrics (see TABLES)."""
    from rich import box
    from rich.table import Table

    types = [r.type for r in run.results]
    rows = [("all", len(types), run.overall)]
    rows += [(t, types.count(t), v) for t, v in run.by_type.items()]
    tables = []
    for i, (title, names) in enumerate(TABLES.items()):
        if i == 0:
            title += f" · run {run.created} · settings {run.settings_hash}"
        table = Table(title=title,
                      box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)
        table.add_column("type", no_wrap=True)
        table.add_column("n", justify="right")
        for name in names:
            label = LABELS[name]
            table.add_column(label, justify="right",
                             min_width=max(len(w) for w in label.split("\n")))
        for j, (label, n, values) in enumerate(rows):
            table.add_row(label, str(n), *[fmt(name, values.get(name)) for name in names],
                          style="bold" if j == 0 else None, end_section=j == 0)
        tables.append(table)
    return tables


def deltas_table(deltas: list[Any], baseline_path: Path) -> Any:
    """Rich table of evaluate.compare() output: baseline, now, change, tolerance, status."""
    from rich.table import Table

    table = Table(title=f"vs baseline {baseline_path}")
    for col in ("metric", "baseline", "now", "change", "tolerance", "status"):
        table.add_column(col, justify="left" if col in ("metric", "status") else "right")
    for d in deltas:
        latency = d.metric in LATENCY_METRICS
        change = "n/a" if d.change is None else (f"{d.change:+.0f}" if latency else
                                                  f"{d.change:+.3f}")
        tol = "not gated" if d.tolerance is None else (f"+{d.tolerance:.0%}" if latency else
                                                        f"{d.tolerance:g}")
        status = "[bold red]REGRESSED[/]" if d.regressed else "ok"
        table.add_row(d.metric, fmt(d.metric, d.baseline), fmt(d.metric, d.current), change,
                      tol, status)
    return table
