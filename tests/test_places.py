"""Places and demonyms: the data files the query path reads are what their generator writes."""

from __future__ import annotations

from rag import places


def test_the_demonyms_file_is_what_python_m_rag_places_writes(tmp_path):
    fresh = tmp_path / "demonyms.tsv"
    places.regenerate_demonyms(fresh)
    assert fresh.read_text(encoding="utf-8") == places.DEMONYMS.read_text(encoding="utf-8")


def test_the_capitals_file_is_what_python_m_rag_places_writes(tmp_path):
    fresh = tmp_path / "capitals.tsv"
    places.regenerate_capitals(fresh)
    assert fresh.read_text(encoding="utf-8") == places.CAPITALS.read_text(encoding="utf-8")
    assert places.capital_or_country("Moscow") == "russia"
    assert places.capital_or_country("russia") == "moscow"
    assert places.capital_or_country("Busan") is None


def test_the_places_file_is_what_python_m_rag_places_writes(tmp_path):
    fresh = tmp_path / "places.tsv"
    places.regenerate(fresh)
    assert fresh.read_text(encoding="utf-8") == places.DATA.read_text(encoding="utf-8")
    # a city's row says whose it is
    assert places.city_countries("Gyeongju") == {"south korea"}
    assert "china" in places.city_countries("Shenzhen")
    assert places.city_countries("South Korea") == frozenset()


def test_a_country_has_its_adjective_and_a_city_has_none():
    assert "swedish" in places.demonyms("Sweden")
    assert "american" in places.demonyms("United States")
    assert "filipino" in places.demonyms("the Philippines")
    assert places.demonyms("Seoul") == () and places.demonyms("Xi") == ()
