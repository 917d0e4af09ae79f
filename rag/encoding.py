"""Bytes of an article file -> text, or the reason it is not text. Never mojibake.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); known binary signatures and NUL bytes
mean binary; strict UTF-8 next, which is what almost every file is and costs one decode; only
then charset-normalizer, a library made to tell legacy encodings apart (EUC-KR, GB18030,
Shift-JIS, cp1252, …) by which decoding reads as language. When it cannot decide, the file is
refused with a reason: a Latin-1 fallback "never fails" only because it turns Korean or Chinese
into silent mojibake that would then be indexed, quoted and cited.
"""

from __future__ import annotations

import codecs

from .errors import SkippedFile

# UTF-32 LE's mark begins with UTF-16 LE's (FF FE), so it is tried first.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BINARY_SIGNATURES = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip or Office file",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x7fELF": "a program",
}
# Latin code pages differ in a few letters only, and on mostly-English text charset-normalizer's
# language guess picks among them almost at random (cp1250 for "€ and ¥", mac_latin2 for French,
# cp775 for "€2 billion — “a first”"). So when its pick is a code page and windows-1252 is among
# the decodings it found plausible, windows-1252 wins: Western text that is not UTF-8 is written
# in it, and it is the default the WHATWG Encoding standard gives browsers for such text.
# Multi-byte picks (EUC-KR, GB18030, Shift-JIS) are kept as they are.
WESTERN = "cp1252"
SNIFF_BYTES = 8192  # NULs in the first 8 KiB: binary (text in UTF-16/32 has a BOM, see above)


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes; raises SkippedFile with a reason when it is not text.

    >>> decode("Séoul".encode("utf-8"), "a.txt")
    'Séoul'
    >>> decode(codecs.BOM_UTF16_LE + "서울".encode("utf-16-le"), "a.txt")
    '서울'
    >>> decode(b"%PDF-1.7 ...", "a.txt")
    Traceback (most recent call last):
    rag.errors.SkippedFile: a.txt: is a PDF, not a text article; convert it to .txt or move it ...
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                label = codec.upper().removesuffix("-LE").removesuffix("-BE")
                raise SkippedFile(name, f"starts with a {label} byte-order mark but is not valid "
                                        f"{label}; re-save it as UTF-8") from None
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise SkippedFile(name, f"is {kind}, not a text article; convert it to .txt or move "
                                    "it out of the folder")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise SkippedFile(name, "holds NUL bytes, so it is not a text article (binary, or UTF-16 "
                                "without a byte-order mark); re-save it as UTF-8 or move it out "
                                "of the folder")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SkippedFile(name, "is not UTF-8 and its encoding cannot be told (binary, or mixed "
                                "encodings); re-save it as UTF-8")
    text = str(best)
    single_byte = len(text) == len(data)  # a code page: one character per byte
    if single_byte and any(WESTERN in m.could_be_from_charset for m in matches):
        return data.decode(WESTERN)
    return text
