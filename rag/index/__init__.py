"""The on-disk index: versions of (manifest + articles + a store's dense, keyword and chunk data).

Layout of an index folder (rag/versions.py: pointer, checksums, locks, publish):
    CURRENT            name of the live version folder (replaced atomically)
    v-<stamp>/         manifest.json, store.sqlite (articles), onnx/, and the store's files
                       (FAISS store: vectors.npy, ids.npy, faiss.index, bm25/, chunk tables)

    build.py     hash -> ingest + chunk -> embed -> write -> publish
    bulk.py      the ingest and embed stages on Ray (`rag index --ray`)
    manifest.py  what a version records; staleness and compatibility with the settings
    catalog.py   the articles table every version keeps
    reader.py    Index (a loaded version), open_index, ensure_index
The stores themselves are in rag/stores/.
"""

from ..chunk import CHUNKER
from ..stores.faiss import (
    FLAT_MAX_ROWS,
    IVF_NPROBE,
    Bm25Matrix,
    _tokenize,
    faiss_kind,
    make_faiss,
    write_bm25,
)
from .build import IndexReport, Progress, build_index, write_error
from .manifest import (
    FORMAT,
    Staleness,
    check_compatible,
    file_hash,
    fix_command,
    outdated,
    read_manifest,
    staleness,
)
from .manifest import current as _current
from .reader import Index, ensure_index, open_index

__all__ = [
    "CHUNKER", "FLAT_MAX_ROWS", "FORMAT", "IVF_NPROBE", "Bm25Matrix", "Index", "IndexReport",
    "Progress", "Staleness", "_current", "_tokenize", "build_index", "check_compatible",
    "ensure_index", "faiss_kind", "file_hash", "fix_command", "make_faiss", "open_index",
    "outdated", "read_manifest", "staleness", "write_bm25", "write_error",
]
