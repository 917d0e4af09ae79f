"""Ingestion on the real seeds: cleaning, article splitting, metadata, comments, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag import dates
from rag.errors import CorpusError
from rag.ingest import corpus_files, load_corpus, parse, read_text

from .conftest import SEEDS


@pytest.fixture(scope="module")
def docs():
    return {(d.file[:3], d.article): d for d in load_corpus(SEEDS)}


def test_roundup_002_splits_into_its_articles_with_titles(docs):
    titles = [d.title for (f, _), d in sorted(docs.items()) if f == "002"]
    assert titles == [
        "Seoul’s diplomatic shift expected to fuel China tourism surge",
        "South Korean President Lee, Xi pledge closer economic, security cooperation",
        "South Korean President Lee, China’s Xi pledge closer economic, security cooperation",
        "Lee invites Xi to APEC summit as both vow to forge ‘new ties’",
        "The transactional worldview of South Korea’s new president",
    ]


def test_single_article_files_stay_whole(docs):
    for prefix in ("000", "001", "003", "004"):
        assert [a for f, a in docs if f == prefix] == [0]


@pytest.mark.parametrize(
    ("key", "date", "basis"),
    [
        (("000", 0), "2025-06-09", "printed"),  # "Published: 09 Jun. 2025, 07:00"
        (("001", 0), "2024-03-28", "printed"),  # "Asia-Pacific Research, March 28, 2024"
        (("002", 1), "2025-06-10", "dateline"),  # "SEOUL/BEIJING, June 10 (Reuters)"
        (("004", 0), "2014-09-11", "comments"),  # only dated through reader comments
        (("003", 0), None, "unknown"),  # prints no date at all
    ],
)
def test_publication_dates(docs, key, date, basis):
    assert (docs[key].date, docs[key].date_basis) == (date, basis)


def test_undated_article_records_latest_year_as_bound_not_a_date(docs):
    doc = docs[("003", 0)]
    assert doc.date is None
    assert doc.year_bound == 2025
    assert "undated" in doc.date_label


def test_undated_articles_of_the_roundup_page_002_show_their_siblings_dates(docs):
    first = docs[("002", 0)]  # Lee's first days in office, June 2025; it cites 2024 figures
    assert first.date is None and first.year_bound == 2024
    assert first.date_label == "undated; the other articles of this page are dated 2025-06-10"
    for article in (0, 2, 3, 4):  # 3 names July 2014 and would have read "up to 2014"
        assert "mentions up to" not in docs[("002", article)].date_label
        assert docs[("002", article)].date is None  # a label, never taken as the article's date


def page(*articles: tuple[str, str, str]) -> str:
    """A roundup page: per article a title, a standfirst the body repeats, and the body."""
    out = []
    for title, dek, body in articles:
        out += [title, dek, body, f"{dek} More detail follows.", "Officials declined to comment."]
    return "\n".join(out) + "\n"


def test_an_undated_article_of_a_page_takes_the_range_of_its_siblings_dates():
    dek = ("{} said on the day that exports of semiconductors and cars to China rose by a fifth "
           "in the first five months of the year, the trade ministry reported in its review")
    text = page(
        ("Exports to China rise again in the spring", dek.format("Seoul"),
         "SEOUL, June 10 (Reuters) - South Korea's exports grew in 2025, officials said."),
        ("Tourism rebounds as visa waiver takes effect", dek.format("Busan"),
         "Published: 12 Jun. 2025. Tourism numbers rose strongly."),
        ("Analysts weigh what the trade figures mean", dek.format("Incheon"),
         "The numbers compare with 4.6 million visitors in 2024, analysts said."),
    )
    docs = parse("roundup.txt", text)
    assert [d.date for d in docs] == ["2025-06-10", "2025-06-12", None]
    assert docs[2].year_bound == 2024
    assert docs[2].date_label == ("undated; the other articles of this page are dated "
                                  "2025-06-10 to 2025-06-12")
    alone = parse("one.txt", "\n".join(text.split("\n")[10:]))  # the undated one on its own
    assert alone[0].date_label == "undated (mentions up to 2024)"


def test_titles_outlets_and_bylines(docs):
    assert docs[("000", 0)].title.startswith("China flashpoint emerges")
    assert docs[("001", 0)].outlet == "Asia-Pacific Research"
    assert docs[("001", 0)].byline == "Scott Snyder and Prof. See-Won Byun"
    assert docs[("002", 1)].outlet == "Reuters"
    assert docs[("004", 0)].title == "China-South Korea: Misguided Romance in East Asia?"
    assert docs[("004", 0)].byline == "Shihoko Goto"


def test_comments_in_004_are_tagged_and_separate_from_body(docs):
    doc = docs[("004", 0)]
    names = [s.name for s in doc.sections]
    assert names == ["body", "comments"]
    body, comments = (doc.text[s.start : s.end] for s in doc.sections)
    assert "Vincent Lee responded" in comments and "Vincent Lee" not in body
    assert "Knowing who your friends are" in body


def test_boilerplate_is_gone(docs):
    text_003 = docs[("003", 0)].text
    assert "Recommended Stories" not in text_003
    assert "Sabalenka" not in text_003 and "Somaliland" not in text_003
    everything = "\n".join(d.text for d in docs.values())
    for junk in ("![", "To write comments, please log in", "Click the share button",
                 "Disclaimer:", "Copyright ©", "Sign up here", "Telegram channel",
                 "Audio report:", "(0/250자)"):
        assert junk not in everything, junk


def test_a_photo_caption_is_kept_and_its_image_line_dropped(docs):
    # 000's caption repeats the image's alt text; it is the only place the article dates the
    # visit to the ambassador's residence ("June 8, 2023").
    doc = docs[("000", 0)]
    kept = [line for line in doc.lines if "residence of then-Chinese Ambassador" in line.text]
    assert [line.number for line in kept] == [8]
    assert "June 8, 2023" in kept[0].text and not kept[0].text.startswith("![")


def test_kept_lines_are_verbatim_slices_of_the_source(docs):
    for doc in docs.values():
        source = read_text(SEEDS / doc.file).split("\n")
        for line in doc.lines:
            assert line.text in source[line.number - 1]
            assert doc.text[line.start : line.start + len(line.text)] == line.text


def test_non_utf8_file_is_read_with_a_fallback(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Seoul caf\xe9 talks\nPublished: 09 Jun. 2025\nXi met Lee.".encode("cp1252"))
    assert "café" in read_text(path)
    assert parse("latin.txt", read_text(path))[0].date == "2025-06-09"


@pytest.mark.parametrize("payload", [b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00def" * 10])
def test_binary_file_is_refused_with_a_fix(tmp_path: Path, payload: bytes):
    path = tmp_path / "photo.txt"
    path.write_bytes(payload)
    with pytest.raises(CorpusError, match="not a text article.*move it out"):
        read_text(path)


def test_missing_and_empty_dirs(tmp_path: Path):
    with pytest.raises(CorpusError, match="does not exist"):
        corpus_files(tmp_path / "nope")
    with pytest.raises(CorpusError, match="is empty"):
        corpus_files(tmp_path)


def test_sentence_dates_resolve_relative_expressions():
    assert dates.sentence_dates("They met on Tuesday.", "2025-06-12") == ["2025-06-10"]
    assert dates.sentence_dates("visa-free travel since last November", "2025-06-09") == ["2024-11"]
    assert dates.sentence_dates("Xi visited Seoul in July.", "2014-09-11") == ["2014-07"]
    assert dates.sentence_dates("Kim appeared with Xi last year.", None) == []
    assert dates.sentence_dates("exports fell to $2014 million", None) == []
