"""Install size of the core and of each extra: the closure of their requirements, measured on
the distributions installed in this venv (the sizes in each one's RECORD), so no download.

    python bench/install_size.py                              # this checkout's pyproject.toml
    python bench/install_size.py --pyproject old.toml         # e.g. `git show REV:pyproject.toml`

A closure counts a distribution once; `pip` and `setuptools` (in every venv) are left out.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"pip", "setuptools"}


def _size(dist: md.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        if f.size is not None:
            total += f.size
        else:  # RECORD rows without a size (the RECORD itself): stat the file
            path = Path(str(dist.locate_file(f)))
            total += path.stat().st_size if path.is_file() else 0
    return total


def closure(requirements: list[str], project: str, extras_of: dict[str, list[str]]
            ) -> tuple[dict[str, int], list[str]]:
    """{distribution: bytes} of everything `requirements` pull in, and the ones not installed."""
    seen: dict[str, int] = {}
    missing: list[str] = []
    todo = [(Requirement(r), frozenset()) for r in requirements]
    while todo:
        req, active = todo.pop()
        if req.marker is not None and not any(
                req.marker.evaluate({"extra": e}) for e in (active or {""})):
            continue
        name = canonicalize_name(req.name)
        if name == canonicalize_name(project):  # an extra that names other extras
            for extra in req.extras:
                todo.extend((Requirement(r), frozenset()) for r in extras_of[extra])
            continue
        if name in seen or name in SKIP:
            continue
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            missing.append(req.name)
            continue
        seen[name] = _size(dist)
        todo.extend((Requirement(r), frozenset(req.extras)) for r in dist.requires or [])
    return seen, missing


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = ap.parse_args()
    project = tomllib.loads(args.pyproject.read_text())["project"]
    core = project["dependencies"]
    extras = project.get("optional-dependencies", {})
    core_set, core_missing = closure(core, project["name"], extras)
    mib = 1024 * 1024
    print(f"{project['name']} ({args.pyproject})")
    print(f"{'install':<28} {'dists':>6} {'MiB':>8} {'+MiB over core':>15}")
    print(f"{'core':<28} {len(core_set):>6} {sum(core_set.values()) / mib:>8.0f} {'':>15}"
          + (f"  not installed here: {', '.join(core_missing)}" if core_missing else ""))
    for extra in extras:
        found, missing = closure(core + [f"{project['name']}[{extra}]"], project["name"], extras)
        extra_bytes = sum(v for k, v in found.items() if k not in core_set)
        print(f"{'core + [' + extra + ']':<28} {len(found):>6} {sum(found.values()) / mib:>8.0f} "
              f"{extra_bytes / mib:>15.0f}"
              + (f"  not installed here: {', '.join(missing)}" if missing else ""))
    biggest = sorted(core_set.items(), key=lambda kv: -kv[1])[:6]
    print("largest in core: " + ", ".join(f"{k} {v / mib:.0f}" for k, v in biggest))


if __name__ == "__main__":
    main()
