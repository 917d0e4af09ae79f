"""Encodings: real Korean, Chinese, Japanese and Western news text in the encodings it is saved in
comes back exactly; bytes that are not text are a skip with a reason, never mojibake."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from rag.encoding import decode
from rag.errors import SkippedFile
from rag.ingest import load_file

KOREAN = (
    "이재명 대통령, 시진핑 주석과 첫 통화…경제·안보 협력 강화 합의\n"
    "이재명 대통령은 10일 시진핑 중국 국가주석과 취임 후 첫 전화 통화를 하고 양국 간 경제와 안보 "
    "분야의 실질적인 협력을 강화하기로 했다고 대통령실이 밝혔다.\n"
    "강유정 대변인은 브리핑에서 두 정상이 올해 경주에서 열리는 아시아태평양경제협력체 정상회의의 "
    "성공적인 개최를 위해 긴밀히 협력하기로 했다고 전했다.\n"
)
CHINESE = (
    "习近平同韩国总统李在明通电话 双方同意推动中韩关系向前发展\n"
    "国家主席习近平6月10日晚应约同韩国总统李在明通电话。习近平祝贺李在明就任韩国总统，"
    "指出中韩是搬不走的近邻，也是分不开的合作伙伴。\n"
    "李在明表示，韩方愿同中方加强经贸、安全和人文等领域交流合作，推动韩中战略合作伙伴关系取得新发展。\n"
)
JAPANESE = (
    "韓国の李在明大統領、習近平国家主席と初の電話会談　経済協力の強化で一致\n"
    "韓国の李在明大統領は１０日、中国の習近平国家主席と就任後初めて電話で会談し、"
    "経済や安全保障の分野で実質的な協力を進めることで一致した。\n"
    "大統領府の報道官によると、両首脳は今年秋に慶州で開かれるアジア太平洋経済協力会議の"
    "成功に向けて緊密に連携することを確認した。\n"
)
WESTERN = (
    "Seoul’s café owners welcome Chinese tourists — “a new era”, they say\n"
    "Shop owners in Myeongdong said on Tuesday that visitor numbers rose 24.9 percent, "
    "and that prices in € and ¥ are now shown beside the won.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (KOREAN, "euc-kr"),
        (CHINESE, "gb18030"),
        (JAPANESE, "shift_jis"),
        (WESTERN, "cp1252"),
        ("Officials said the deal was worth €2 billion — “a first”.\nExports rose.\n", "cp1252"),
        (KOREAN, "utf-8"),
        (CHINESE, "utf-8-sig"),  # UTF-8 with a byte-order mark
        (KOREAN, "utf-16"),  # Python writes the BOM for utf-16/utf-32
        (JAPANESE, "utf-32"),
    ],
)
def test_news_text_comes_back_exactly_from_its_encoding(tmp_path: Path, text: str, encoding: str):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert decode(path.read_bytes(), path.name) == text
    docs = load_file(path, tmp_path)
    assert [ln.text for ln in docs[0].lines] == text.strip().split("\n")  # no mojibake


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE])
def test_utf16_with_bom_either_byte_order(bom: bytes):
    codec = "utf-16-be" if bom == codecs.BOM_UTF16_BE else "utf-16-le"
    assert decode(bom + KOREAN.encode(codec), "a.txt") == KOREAN


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF, not a text article"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not a text article"),
        (bytes(range(256)) * 40, "holds NUL bytes, so it is not a text article"),
        (bytes(range(0x80, 0x100)) * 40, "its encoding cannot be told"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "byte-order mark but is not valid UTF-16"),
    ],
)
def test_bytes_that_are_not_text_are_refused_with_a_reason(payload: bytes, reason: str):
    with pytest.raises(SkippedFile) as caught:
        decode(payload, "x.txt")
    assert reason in caught.value.reason
    assert caught.value.reason.split("; ")[-1].startswith(("re-save", "convert"))


def test_other_file_types_are_refused_before_reading(tmp_path: Path):
    path = tmp_path / "report.pdf"
    path.write_text(WESTERN)
    with pytest.raises(SkippedFile, match=r"report.pdf: is a .pdf file, not a text article"):
        load_file(path, tmp_path)


def test_utf8_is_decoded_without_loading_the_detector():
    code = ("import sys; from rag.encoding import decode; "
            f"assert decode({KOREAN.encode()!r}, 'a') == {KOREAN!r}; "
            "print('charset_normalizer' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
