"""The fitted evidence model: P(a sentence holds the answer) from the features evidence.py computes.

Weights are not typed here: `rag tune` fits them (logistic regression, cross-validated by
question) on labelled question sets and writes `rag/data/scorer.json`; this module only reads
that file. Two models share one label: `cheap` scores every candidate sentence without embedding
it; `full` adds the sentence's own cosine to the question and rescores the best few.
The file also holds the abstention threshold and the option-choice model (see rag/tune.py).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import RagError

PATH = Path(__file__).with_name("data") / "scorer.json"


@dataclass(frozen=True)
class Linear:
    """A logistic model: sigmoid(bias + sum(weight * feature))."""

    weights: Mapping[str, float]
    bias: float

    def prob(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(w * features.get(k, 0.0) for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Linear:
        return cls(weights={str(k): float(v) for k, v in d["weights"].items()},
                   bias=float(d["bias"]))


@dataclass(frozen=True)
class Scorer:
    cheap: Linear
    full: Linear
    choice: Linear
    abstain_below: float  # best sentence probability under which the answerer abstains


@lru_cache(maxsize=4)
def load(path: Path = PATH) -> Scorer:
    """The fitted scorer; a missing or damaged file is an error that names the fix."""
    try:
        d = json.loads(path.read_text("utf-8"))
        return Scorer(cheap=Linear.from_json(d["cheap"]), full=Linear.from_json(d["full"]),
                      choice=Linear.from_json(d["choice"]),
                      abstain_below=float(d["abstain_below"]))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise RagError(f"the evidence model {path} is missing or damaged ({e}); restore it with "
                       "`git checkout rag/data/scorer.json` or refit it with `rag tune`") from e
