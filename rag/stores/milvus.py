"""The Milvus store: dense vectors, Milvus's BM25 full-text field and chunk payloads together.

The same code talks to milvus-lite (a local `.db` file, embedded; the default URI is
`<index_dir>/milvus.db`, and what tests use) and to a Milvus server or cluster
(`RAG_MILVUS_URI=http://host:19530`, `RAG_MILVUS_TOKEN` from the environment).

Publishing without readers ever seeing half an index: two collections, `<alias>_a` and
`<alias>_b`, and an alias `<alias>` that names the live one. A build writes into the other
(standby) one, per file: it deletes the rows of files that changed or went away and upserts the
files it lacks, then swaps the alias. The standby lags the live collection by one version, so a
build writes the files changed in the last two builds, never the whole corpus; vectors it lacks
are copied from the live collection by chunk id, so nothing is embedded twice. The manifest
records what each collection holds (file -> digest); a build interrupted after touching the
standby leaves a marker file, and the next build then rewrites the standby whole.

Keywords: the chunk's stemmed terms (rag/stores/terms.py, the same terms the FAISS store's
bm25s index uses) go into a `terms` field that Milvus's BM25 function turns into a sparse
vector; questions are searched with the same terms. milvus-lite offers no stemmer, so the
analysis is ours and identical on lite and server. Fusion with the dense side stays in
rag/retrieve.py (RRF, as for FAISS), which also needs each list's ranks.

pymilvus is imported here only, so the FAISS path never pays its ~4 s import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import IndexWriteError, InputError, RagError
from ..types import Chunk
from . import FilePart, store_kind
from .terms import english_stopwords, terms

if TYPE_CHECKING:
    from ..settings import Settings

STOPWORDS_FILE = "milvus-stopwords.json"  # in the version folder: the query side needs no bm25s
INSERT_ROWS = 512  # rows per insert call: well under gRPC's 64 MB message limit at 384-d
ID_BATCH = 1000  # ids per query by primary key
TEXT_MAX = 65_535  # Milvus VARCHAR limit (bytes); a chunk is at most a few thousand characters
BM25 = {"bm25_k1": 1.5, "bm25_b": 0.75}  # bm25s's defaults, so both stores score alike
CHUNK_FIELDS = ["id", "file", "article", "title", "date", "section", "start", "end",
                "line_start", "line_end", "text"]


def uri_of(settings: Settings, index_dir: Path) -> str:
    return settings.milvus_uri or str((index_dir / "milvus.db").resolve())


def is_lite(uri: str) -> bool:
    return not uri.startswith(("http://", "https://", "tcp://", "unix:"))


def alias_of(index_dir: Path) -> str:
    """One alias per index folder (Milvus names: letters, digits, underscores)."""
    return "rag_" + hashlib.sha1(str(index_dir.resolve()).encode()).hexdigest()[:12]


@contextlib.contextmanager
def _errors(uri: str, doing: str, error: type[RagError] = IndexWriteError) -> Iterator[None]:
    """pymilvus and milvus-lite failures become one line naming the URI and the fix."""
    try:
        yield
    except RagError:
        raise
    except Exception as e:  # noqa: BLE001 - MilvusException, gRPC and lite errors alike
        name = type(e).__name__
        if name == "DataDirLockedError" or "lock" in str(e).lower() and is_lite(uri):
            raise error(f"the milvus-lite file {uri} is open in another process (milvus-lite "
                        "allows one); wait for it, or use a Milvus server "
                        "(RAG_MILVUS_URI=http://host:19530)") from None
        detail = str(e).splitlines()[0] if str(e) else name
        raise error(f"Milvus at {uri} failed while {doing} ({detail}); check that it is "
                    "running and RAG_MILVUS_URI/RAG_MILVUS_TOKEN, then run `rag index` "
                    "again") from None


def connect(uri: str, token: str) -> Any:
    try:
        from pymilvus import MilvusClient
    except ImportError as e:
        raise InputError("the milvus store needs `pip install 'rag[milvus]'` "
                         "(pymilvus, milvus-lite)") from e
    if is_lite(uri):
        Path(uri).parent.mkdir(parents=True, exist_ok=True)
    with _errors(uri, "connecting"):
        return MilvusClient(uri=uri, token=token or "")


def _schema(client: Any, dim: int) -> Any:
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("file", DataType.VARCHAR, max_length=4096)
    schema.add_field("article", DataType.INT64)
    schema.add_field("title", DataType.VARCHAR, max_length=TEXT_MAX)
    schema.add_field("date", DataType.VARCHAR, max_length=32)
    schema.add_field("section", DataType.VARCHAR, max_length=32)
    for name in ("start", "end", "line_start", "line_end"):
        schema.add_field(name, DataType.INT64)
    schema.add_field("text", DataType.VARCHAR, max_length=TEXT_MAX)
    schema.add_field("sentences", DataType.JSON)  # [[start, end, line, [dates]], ...]
    schema.add_field("terms", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True,
                     analyzer_params={"tokenizer": "standard"})
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                 input_field_names=["terms"], output_field_names=["sparse"]))
    return schema


def _index_params(client: Any, lite: bool) -> Any:
    params = client.prepare_index_params()
    # lite: exact search, as the FAISS store's flat index; a server: Milvus picks (HNSW).
    params.add_index(field_name="vector", index_type="FLAT" if lite else "AUTOINDEX",
                     metric_type="IP")
    params.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX",
                     metric_type="BM25", params=BM25)
    return params


def _text(s: str) -> str:
    """Cut to TEXT_MAX bytes of UTF-8 (only a pathological chunk is that long)."""
    raw = s.encode()
    return s if len(raw) <= TEXT_MAX else raw[:TEXT_MAX].decode(errors="ignore")


class MilvusWriter:
    """Writes a build into the standby collection; `publish` swaps the alias to it."""

    def __init__(self, settings: Settings, index_dir: Path,
                 previous: dict[str, Any] | None) -> None:
        self.uri = uri_of(settings, index_dir)
        self.alias = alias_of(index_dir)
        self.client = connect(self.uri, settings.milvus_token)
        prev = previous.get("store", {}) if previous and store_kind(previous) == "milvus" else {}
        if prev and prev.get("uri") != self.uri:
            prev = {}  # another Milvus: nothing there is ours yet
        self.held_by: dict[str, dict[str, str]] = dict(prev.get("held", {}))
        self.live: str | None = prev.get("live")
        self.target = f"{self.alias}_b" if self.live == f"{self.alias}_a" else f"{self.alias}_a"
        self.marker = index_dir / f".milvus-writing-{self.target}"
        self.stopwords = english_stopwords()
        self.rows: list[dict[str, Any]] = []
        with _errors(self.uri, "opening the standby collection"):
            exists = self.client.has_collection(self.target)
            if exists and (self.marker.exists() or self.target not in self.held_by):
                self.client.drop_collection(self.target)  # dirty or unknown: rewrite it whole
                exists = False
        self.held = dict(self.held_by.get(self.target, {})) if exists else {}
        self.created = exists
        index_dir.mkdir(parents=True, exist_ok=True)
        self.marker.touch()  # removed by publish: until then the standby may be half-written

    def holds(self) -> dict[str, str]:
        return dict(self.held)

    def _create(self, dim: int) -> None:
        with _errors(self.uri, "creating a collection"):
            self.client.create_collection(self.target, schema=_schema(self.client, dim),
                                          index_params=_index_params(self.client,
                                                                     is_lite(self.uri)))
        self.created = True

    def delete(self, files: Sequence[str]) -> None:
        files = [f for f in files if f in self.held]
        with _errors(self.uri, "deleting changed files"):
            for s in range(0, len(files), 100):
                batch = files[s : s + 100]
                self.client.delete(self.target, filter=f"file in {json.dumps(batch)}")
        for f in files:
            self.held.pop(f, None)

    def upsert(self, part: FilePart, vectors: np.ndarray) -> None:
        if not self.created:
            self._create(int(vectors.shape[1]))
        by_chunk: dict[int, list[list[Any]]] = {c.id: [] for c in part.chunks}
        for cid, start, end, line, dates in part.sentences:
            by_chunk[cid].append([start, end, line, json.loads(dates)])
        for c, vec in zip(part.chunks, vectors, strict=True):
            self.rows.append({
                "id": c.id, "file": c.file, "article": c.article, "title": _text(c.title),
                "date": c.date or "", "section": c.section, "start": c.start, "end": c.end,
                "line_start": c.line_start, "line_end": c.line_end, "text": _text(c.text),
                "sentences": by_chunk[c.id],
                "terms": _text(" ".join(terms(c.embed_text(), self.stopwords))),
                "vector": vec.astype(np.float32).tolist(),
            })
        self.held[part.name] = part.digest
        if len(self.rows) >= INSERT_ROWS:
            self._flush_rows()

    def _flush_rows(self) -> None:
        with _errors(self.uri, "writing chunks"):
            for s in range(0, len(self.rows), INSERT_ROWS):
                self.client.upsert(self.target, self.rows[s : s + INSERT_ROWS])
        self.rows = []

    def finish(self, build: Path) -> dict[str, Any]:
        self._flush_rows()
        with _errors(self.uri, "flushing the collection"):
            if self.created:
                self.client.flush(self.target)
                self.client.load_collection(self.target)
        (build / STOPWORDS_FILE).write_text(json.dumps(self.stopwords))
        held = {**self.held_by, self.target: self.held}
        return {"kind": "milvus", "uri": self.uri, "alias": self.alias, "live": self.target,
                "held": held}

    def publish(self) -> None:
        with _errors(self.uri, "swapping the alias"):
            if not self.created:  # an empty corpus never reaches here (CorpusError)
                raise IndexWriteError(f"nothing was written to Milvus at {self.uri}")
            aliases = self.client.list_aliases(self.target).get("aliases", [])
            if self.live is not None and self.client.has_collection(self.live) and (
                    self.alias in self.client.list_aliases(self.live).get("aliases", [])):
                self.client.alter_alias(self.target, self.alias)
            elif self.alias not in aliases:
                with contextlib.suppress(Exception):  # a stale alias on a dropped collection
                    self.client.drop_alias(self.alias)
                self.client.create_alias(self.target, self.alias)
        self.marker.unlink(missing_ok=True)

    def abort(self) -> None:
        self.rows = []  # the marker stays: the next build rewrites this standby whole


class MilvusReader:
    """Reads the live collection through the alias; pymilvus loads on first use."""

    def __init__(self, version: Path, manifest: dict[str, Any],
                 settings: Settings | None = None) -> None:
        store = manifest["store"]
        self.uri = (settings.milvus_uri if settings and settings.milvus_uri else store["uri"])
        self.token = settings.milvus_token if settings else ""
        self.name = store["alias"]
        self.stopwords = frozenset(json.loads((version / STOPWORDS_FILE).read_text()))
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            from ..errors import IndexDamagedError

            with _errors(self.uri, "connecting", IndexDamagedError):
                client = connect(self.uri, self.token)
                # milvus-lite starts every process with its collections released; on a server
                # this is a no-op for a loaded collection.
                client.load_collection(self.name)
                self._client = client
        return self._client

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()
            self._client = None

    def _call(self, method: str, *args: Any, **kw: Any) -> Any:
        from ..errors import IndexDamagedError

        with _errors(self.uri, f"{method} on {self.name}", IndexDamagedError):
            return getattr(self.client, method)(*args, **kw)

    def dense(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if k <= 0:
            return []
        hits = self._call("search", self.name, data=[query.astype(np.float32).tolist()],
                          anns_field="vector", limit=k, output_fields=["id"],
                          search_params={"metric_type": "IP"})
        return [(int(h["id"]), float(h["distance"])) for h in hits[0]]

    def bm25(self, query: str, k: int) -> list[tuple[int, float]]:
        words = terms(query, self.stopwords)
        if not words or k <= 0:
            return []
        # Extra rows so that ties at the cut are all seen, then ties go by file and position,
        # as in the FAISS store (its rows are in that order).
        hits = self._call("search", self.name, data=[" ".join(words)], anns_field="sparse",
                          limit=min(2 * k + 10, 16_384), search_params={"metric_type": "BM25"},
                          output_fields=["id", "file", "article", "start"])
        # milvus-lite reports BM25 as a negated distance, a server as a score (both scaled by
        # k1 + 1 against bm25s's): only the order is used (RRF).
        found = sorted((-round(abs(float(h["distance"])), 4), h["entity"]["file"],
                         int(h["entity"]["article"]), int(h["entity"]["start"]), int(h["id"]),
                         abs(float(h["distance"]))) for h in hits[0] if h["distance"] != 0)
        return [(row[4], row[5]) for row in found[:k]]

    def mentions(self, word: str) -> bool:
        return bool(self.bm25(word, 1))

    def _by_id(self, ids: Sequence[int], fields: list[str]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        ids = [int(i) for i in ids]
        for s in range(0, len(ids), ID_BATCH):
            batch = ids[s : s + ID_BATCH]
            for row in self._call("query", self.name, ids=batch, output_fields=fields):
                out[int(row["id"])] = row
        return out

    def ids(self) -> list[int]:
        it = self._call("query_iterator", self.name, batch_size=4096, filter="",
                        output_fields=["id"])
        out: list[int] = []
        try:
            while page := it.next():
                out.extend(int(r["id"]) for r in page)
        finally:
            it.close()
        return out

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        rows = self._by_id(ids, CHUNK_FIELDS)
        return {i: Chunk(i, r["file"], int(r["article"]), r["title"], r["date"] or None,
                         r["section"], int(r["start"]), int(r["end"]), int(r["line_start"]),
                         int(r["line_end"]), r["text"])
                for i, r in rows.items()}

    def sentences(self, ids: Sequence[int]) -> dict[int, list[tuple[int, int, int, list[str]]]]:
        rows = self._by_id(ids, ["id", "sentences"])
        out: dict[int, list[tuple[int, int, int, list[str]]]] = {int(i): [] for i in ids}
        for i, r in rows.items():
            out[i] = sorted((int(a), int(b), int(ln), list(d)) for a, b, ln, d in r["sentences"])
        return out

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        rows = self._by_id(ids, ["id", "vector"])
        return np.array([rows[int(i)]["vector"] for i in ids], dtype=np.float32)
