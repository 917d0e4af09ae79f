"""Write the 30 ABC news articles (2001-02) that eval/lee.jsonl (or lee2 ... lee9.jsonl) asks
about into a folder.

    python eval/lee_corpus.py /tmp/lee
    rag eval --corpus /tmp/lee --questions eval/lee.jsonl
    python eval/lee_corpus.py /tmp/lee2 lee2
    rag eval --corpus /tmp/lee2 --questions eval/lee2.jsonl

The articles are lines of gensim's test data file lee_background.cor (`make install-bench`
installs it); each becomes lee_NNN.txt, NNN its 0-based line number, text as in the source.
A question writer who had not seen this project's code picked them: 30 distinct news events
a set; lee2's 30 are none of lee's, lee3's none of either's, lee4's none of the three's,
lee5's none of the four's, and so on to lee9's, none of the eight earlier sets'; lee10 has
the 30 lines left.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SETS = {
    "lee": (4, 11, 18, 24, 32, 38, 42, 45, 51, 54, 61, 62, 82, 91, 95, 96, 109, 111, 122, 125,
            130, 157, 174, 190, 191, 196, 224, 253, 283, 290),
    "lee2": (2, 3, 6, 7, 10, 15, 23, 25, 30, 31, 36, 68, 70, 71, 79, 87, 100, 124, 126, 158, 168,
             169, 170, 171, 178, 180, 188, 205, 215, 226),
    "lee3": (0, 17, 27, 28, 44, 57, 69, 80, 101, 103, 118, 121, 137, 144, 155, 161, 163, 179, 186,
             189, 198, 204, 212, 217, 231, 244, 248, 258, 266, 286),
    "lee4": (1, 20, 22, 39, 41, 53, 65, 67, 78, 94, 99, 108, 150, 160, 162, 164, 165, 172, 181, 193,
             211, 214, 223, 230, 232, 246, 257, 270, 279, 280),
    "lee5": (21, 46, 49, 56, 66, 97, 102, 117, 123, 136, 140, 149, 156, 184, 202, 209, 210,
             213, 219, 221, 222, 237, 247, 255, 269, 274, 289, 294, 295, 299),
    "lee6": (5, 12, 14, 16, 29, 35, 37, 50, 60, 63, 74, 75, 90, 92, 93, 105, 154, 159, 185,
             216, 229, 240, 242, 245, 252, 256, 265, 282, 296, 297),
    "lee7": (9, 13, 34, 43, 52, 58, 76, 83, 88, 104, 113, 114, 131, 135, 147, 148, 151, 167,
             175, 194, 207, 225, 228, 233, 236, 260, 264, 275, 293, 298),
    "lee8": (8, 26, 47, 64, 77, 86, 106, 112, 115, 120, 133, 138, 143, 145, 173, 199, 200, 218,
             227, 234, 238, 239, 241, 243, 251, 254, 262, 268, 272, 291),
    "lee9": (40, 59, 81, 84, 98, 119, 128, 129, 132, 153, 166, 176, 177, 182, 192, 197, 201,
             203, 206, 220, 235, 250, 261, 263, 276, 277, 284, 285, 287, 292),
    # the 30 lines no earlier set used (not picked as distinct events: the rest of the file)
    "lee10": (19, 33, 48, 55, 72, 73, 85, 89, 107, 110, 116, 127, 134, 139, 141, 142, 146, 152,
              183, 187, 195, 208, 249, 259, 267, 271, 273, 278, 281, 288),
}


def main(dest: Path, name: str = "lee") -> None:
    spec = importlib.util.find_spec("gensim")  # the data file only: importing gensim is slow
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("gensim's test data is not installed; run `make install-bench`")
    source = Path(next(iter(spec.submodule_search_locations))) / "test" / "test_data"
    lines = (source / "lee_background.cor").read_text(encoding="utf-8").split("\n")
    dest.mkdir(parents=True, exist_ok=True)
    for n in SETS[name]:
        (dest / f"lee_{n:03d}.txt").write_text(lines[n] + "\n", encoding="utf-8")
    print(f"wrote {len(SETS[name])} articles to {dest}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or sys.argv[2:] and sys.argv[2] not in SETS:
        raise SystemExit(f"usage: python eval/lee_corpus.py DEST_DIR [{'|'.join(SETS)}]")
    main(Path(sys.argv[1]), *sys.argv[2:])
