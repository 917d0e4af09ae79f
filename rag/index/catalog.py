"""The articles of a version (documents table of store.sqlite), whatever store holds the chunks.

Every version keeps its articles' text, lines and metadata here, next to the manifest: citations,
`rag sources` and article questions read them, and they are small beside the vectors.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..types import Document, Line, Section

DOCUMENTS = """
    CREATE TABLE documents (file TEXT, article INT, title TEXT, outlet TEXT, byline TEXT,
        date TEXT, date_basis TEXT, year_bound INT, text TEXT, lines TEXT, sections TEXT,
        page_dates TEXT, chunks INT, PRIMARY KEY (file, article));
"""
HEADER_COLUMNS = "file, article, title, outlet, byline, date, date_basis, year_bound, page_dates"


def write_documents(path: Path, docs: Sequence[tuple[Document, int]]) -> None:
    """Write (document, its chunk count) rows into a new documents table at `path`."""
    con = sqlite3.connect(path)
    con.executescript(DOCUMENTS)
    con.executemany(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (d.file, d.article, d.title, d.outlet, d.byline, d.date, d.date_basis, d.year_bound,
             d.text, json.dumps([[ln.number, ln.start] for ln in d.lines]),
             json.dumps([[s.name, s.start, s.end] for s in d.sections]),
             json.dumps(d.page_dates) if d.page_dates else None, n)
            for d, n in docs
        ],
    )
    con.commit()
    con.close()


def _pair(stored: str | None) -> tuple[str, str] | None:
    return tuple(json.loads(stored)) if stored else None  # type: ignore[return-value]


def documents(con: sqlite3.Connection, file: str | None = None) -> list[Document]:
    where = " WHERE file = ?" if file else ""
    sql = f"SELECT * FROM documents{where} ORDER BY file, article"
    docs = []
    for r in con.execute(sql, [file] if file else []).fetchall():
        text = r[8]
        starts = json.loads(r[9])
        lines = tuple(
            Line(number=n, start=s,
                 text=text[s : (starts[i + 1][1] - 1) if i + 1 < len(starts) else len(text)])
            for i, (n, s) in enumerate(starts)
        )
        sections = tuple(Section(*s) for s in json.loads(r[10]))
        docs.append(Document(file=r[0], article=r[1], title=r[2], text=text, lines=lines,
                             sections=sections, outlet=r[3], byline=r[4], date=r[5],
                             date_basis=r[6], year_bound=r[7], page_dates=_pair(r[11])))
    return docs


def headers(con: sqlite3.Connection) -> list[Document]:
    """Every article's metadata (title, outlet, byline, date), without its text."""
    rows = con.execute(f"SELECT {HEADER_COLUMNS} FROM documents ORDER BY file, article")
    return [Document(file=f, article=a, title=t, text="", lines=(), sections=(), outlet=o,
                     byline=b, date=d, date_basis=db, year_bound=y, page_dates=_pair(pd))
            for f, a, t, o, b, d, db, y, pd in rows.fetchall()]


def chunk_counts(con: sqlite3.Connection) -> dict[tuple[str, int], int]:
    rows = con.execute("SELECT file, article, chunks FROM documents").fetchall()
    return {(f, a): n for f, a, n in rows}
