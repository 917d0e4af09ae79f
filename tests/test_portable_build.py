"""The compiled llama.cpp library runs on any x86-64 CPU with AVX2: no AVX-512, no AMX.

A wheel built natively on a machine with AVX-512/AMX crashed on a VM that does not grant them
(issue: GPF at ldtilecfg). The Makefile builds with a fixed baseline; this reads the machine code
of the installed library and fails if any AVX-512 (zmm registers) or AMX (tile) instruction is in
it, so a native build can never pass CI on a lucky CPU.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.llm, pytest.mark.slow]


def _libraries() -> list[Path]:
    llama_cpp = pytest.importorskip("llama_cpp", reason="run `make install-llm`")
    return sorted(Path(llama_cpp.__file__).parent.glob("lib/libggml*.so*"))


@pytest.mark.skipif(platform.machine() != "x86_64", reason="x86-64 baseline only")
def test_llama_cpp_has_no_avx512_or_amx_instructions():
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("objdump (binutils) is not installed")
    libs = _libraries()
    assert any("ggml-cpu" in p.name for p in libs), libs
    for lib in libs:
        code = subprocess.run([objdump, "-d", "--no-show-raw-insn", str(lib)],
                              capture_output=True, text=True, check=True).stdout
        bad = [ln for ln in code.splitlines()
               if "%zmm" in ln or "tileloadd" in ln or "ldtilecfg" in ln or "tdpb" in ln]
        assert not bad, f"{lib.name} uses AVX-512/AMX, not portable: {bad[:3]}"
