"""Venues: buildings and platforms (resources/venues.yaml), cities and countries, and the mode."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .orgs import org_head_re
from .places import capital_of, city_country, city_population, country_of
from ..lang.resources import WordPattern, alternation, gazetteer, lexicon, load, vocab


@dataclass
class Place:
    start: int
    end: int
    text: str
    value: str
    kind: str  # building, platform, city, country
    city: str | None = None
    country: str | None = None


@lru_cache(maxsize=None)
def _venue_patterns() -> list[tuple[re.Pattern, dict]]:
    res = load("venues.yaml")
    out = []
    for b in res.buildings:
        for p in b.patterns:
            out.append((re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE), b))
    return out


@lru_cache(maxsize=None)
def _online():
    res = load("venues.yaml").online
    # a platform's name may be glued to a capitalised word where a page's blocks were joined ("via ZoomRegister")
    platforms = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in res.platforms) + r")(?![^\WA-Z])")
    words = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in res.words) + r")(?!\w)", re.IGNORECASE)
    return platforms, words


@lru_cache(maxsize=None)
def _online_context() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a meeting noun or format word after, a tying word before, a noun that is no meeting after)."""
    res = load("venues.yaml").online
    nouns = (*load("meetings.yaml").nouns, "format", "formats", "mode")
    return (re.compile(rf"\s*(?:[\w-]+\s+)?(?:{alternation(nouns)})\b", re.IGNORECASE),
            re.compile(rf"\b(?:{alternation(res.tied_after)})\s*$", re.IGNORECASE),
            re.compile(rf"\s+(?:{alternation(res.not_meeting)})\b", re.IGNORECASE))


@lru_cache(maxsize=None)
def _building_shapes() -> list[re.Pattern]:
    return [re.compile(vocab(p)) for p in load("venues.yaml").building_shapes]


_GENERIC_HQ = WordPattern(r"@venues.headquarters\s+@genitive\s+(?:@definite\s+)?(?P<a>[A-Z][\w’' ]{1,80}?)(?=[\s,.;]|$)"
                          r"|(?P<b>[A-Z][\w]*(?:\s+[A-Z][\w]*){0,4})['’]?s?\s+@venues.headquarters")


@lru_cache(maxsize=None)
def _premises() -> re.Pattern:
    """'at (the) [premises of] [Words] HEAD [of (the) Words]': a body named where the meeting is held
    (case-sensitive)."""
    word = r"[A-Z][\w'’&.-]+"
    heads = alternation(load("venues.yaml").premises_heads)
    return re.compile(vocab(rf"\b@venues.at\s+(?:@definite\s+)?(?:@venues.premises_nouns\s+@genitive\s+(?:@definite\s+)?)?"
                            rf"(?P<name>(?:{word}\s+){{0,3}}(?:{heads})"
                            rf"(?:\s+@venues.premises_links\s+(?:@definite\s+)?{word}(?:\s+(?:@coordinator\s+|@genitive\s+)?{word}){{0,4}})?)(?![\w-])"))


@lru_cache(maxsize=None)
def _meeting_words() -> re.Pattern:
    res = load("meetings.yaml")
    return re.compile(rf"\b(?:{alternation((*res.meeting_verbs, *res.meeting_nouns))})\b", re.IGNORECASE)


def _tied_to_meeting(text: str, at: int) -> bool:
    """A meeting verb or noun in the clause just before `at` ("was held on 3 May at ...")."""
    before = text[max(0, at - 200):at]
    before = re.split(r"[,;:.()\n]", before)[-1]
    return bool(_meeting_words().search(before))


def find_buildings(text: str) -> list[Place]:
    found: list[Place] = []
    for pattern, b in _venue_patterns():
        for m in pattern.finditer(text):
            if any(p.start < m.end() and m.start() < p.end for p in found):
                continue
            found.append(Place(m.start(), m.end(), m.group(), b.name, "building", b.city, b.country))
    if load("venues.yaml").generic_headquarters:
        gaz = gazetteer()
        for m in _GENERIC_HQ.finditer(text):
            org_text = (m.group("a") or m.group("b") or "").strip()
            org = None
            words = org_text.split()
            for n in range(len(words), 0, -1):  # "Council of Europe in Strasbourg" -> "Council of Europe"
                org = gaz.lookup(" ".join(words[:n]))
                if org:
                    break
            if org and not any(p.start < m.end() and m.start() < p.end for p in found):
                found.append(Place(m.start(), m.end(), m.group(), f"{gaz.resolve(org).label} headquarters", "building"))
    for shape in _building_shapes():
        for m in shape.finditer(text):
            if not any(p.start < m.end("name") and m.start("name") < p.end for p in found):
                # "at the Hotel X, CITY": the city written after the building's name and a comma
                after = _COMMA_CITY.match(text, m.end("name"))
                city = after.group("city") if after else None
                country = city_country(city) if city and not country_of(city) else None
                found.append(Place(m.start("name"), m.end("name"), m.group("name"), m.group("name"), "building",
                                   city if country else None, country))
    for m in _premises().finditer(text):
        name = m.group("name")
        if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
            name = name[:-1]  # the sentence's full stop
        start, end = m.start("name"), m.start("name") + len(name)
        if _tied_to_meeting(text, m.start()) and not any(p.start < end and start < p.end for p in found):
            org = gazetteer().lookup(name)
            # a national body's country, or one its name gives ("the Ministry of Foreign Affairs of Chile")
            countries = [c for c in (country_of(w) for w in re.findall(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?", name)) if c]
            country = (org.country if org else None) or (countries[-1] if countries else None)
            found.append(Place(start, end, name, name, "building", None, country))
    platforms, _ = _online()
    for m in platforms.finditer(text):
        found.append(Place(m.start(), m.end(), m.group(), m.group(), "platform"))
    found.sort(key=lambda p: p.start)
    return found


_CITY_WORD = r"[A-Z][a-zà-ÿ]+(?:['’][a-z]+)?"  # "Cox's" in "Cox's Bazar"
_COMMA_CITY = re.compile(rf",[^\S\n]+(?P<city>{_CITY_WORD}(?:[ -]{_CITY_WORD}){{0,2}})(?=[,.;:)]|[^\S\n]+(?:on|from|in)\b|$)")


@lru_cache(maxsize=None)
def _city_after() -> re.Pattern:
    """'in CITY' or 'at CITY', with ', COUNTRY' after it; a city's name may hold lower-case particles."""
    particles = alternation(load("venues.yaml").city_particles, flexible_space=False)
    word = _CITY_WORD
    city = rf"{word}(?:(?:[ -](?:{particles}))*[ -]{word}){{0,2}}"
    return re.compile(vocab(rf"\b@place_preps\s+(?P<city>{city})(?:,\s+(?P<country>{word}(?:\s+{word})?))?"))


def _before_particle(city: str) -> str:
    """The words of a captured city name before its first lower-case word."""
    m = re.search(r"[ -][a-zà-ÿ]", city)
    return city[:m.start()] if m else city


_CAPITAL = WordPattern(r"\b@place_preps\s+the\s+(?:(?P<dem>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+@venues.capital_words"
                       r"|@venues.capital_words\s+(?:city\s+)?@genitive\s+(?P<country>(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}))"
                       r"(?:,?\s+(?:city\s+)?(?P<named>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))?")


def _names_a_building(name: str) -> bool:
    """A name with a building's or a body's head word ("Ministry Hall", "Unity House"): no town."""
    return bool(org_head_re().search(name)) or any(p.search(f"at {name}") for p in _building_shapes())


# "in the city of X", "in the Moroccan city of X", "in the coastal town of X", "in the northern Kenyan town of X"
_TOWN_OF = WordPattern(rf"\b@place_preps\s+the\s+(?:[a-z][\w-]+\s+)?(?:(?P<dem>[A-Z][\w-]+)\s+)?(?:[a-z][\w-]+\s+)?"
                       rf"@venues.town_words\s+@genitive\s+"
                       rf"(?P<city>{_CITY_WORD}(?:[ -]{_CITY_WORD}){{0,2}})")


def find_cities(text: str) -> list[Place]:
    """'in Strasbourg', 'in Vienna, Austria': a city after in/at, with its country when written;
    'in the Estonian capital', 'in the capital of Estonia': that country's capital."""
    from ..lang.resources import lexicon

    calendar = set(lexicon().months) | set(lexicon().weekdays)
    out = []
    for m in _CAPITAL.finditer(text):
        country = country_of(m.group("dem") or m.group("country") or "")
        named = m.group("named")
        # "in the Kenyan capital Nairobi" names the city itself
        capital = named if named and city_country(named, (country,) if country else ()) == country else capital_of(country)
        if capital:
            out.append(Place(m.start(), m.end(), m.group(), capital, "city", capital, country))
    for m in _TOWN_OF.finditer(text):
        # "in the city of X", "in the Moroccan city of X": X, in the demonym's country when it has one
        country = country_of(m.group("dem") or "")
        city = m.group("city")
        found = city_country(city, (country,) if country else ())
        if found is not None and not country_of(city):
            out.append(Place(m.start("city"), m.end("city"), city, city, "city", city, found if country == found else None))
    for m in _city_after().finditer(text):
        city = m.group("city")
        if city in calendar:  # "in March", "on Monday": never a place
            continue
        if city_country(city) is None and " " in city:
            # "in CITY de ...": the words before a particle, when they are the city
            short = _before_particle(city)
            if short != city and city_country(short) is not None:
                out.append(Place(m.start("city"), m.start("city") + len(short), short, short, "city", short, None))
                continue
        country = city_country(city)
        if country_of(city) and country_of(city) == country:
            # a city-state's name ("in Luxembourg", "in Monaco"): the city and the country
            out.append(Place(m.start("city"), m.end("city"), city, city, "city", city, country_of(city)))
            continue
        written = m.group("country")
        # "in Saly, Senegal": a town the gazetteer lacks, placed by the country written after it
        unknown_town = country is None and bool(written) and bool(country_of(written)) and not _names_a_building(city)
        if (country is None and not unknown_town) or country_of(city):  # "in France" is a country, not a city
            continue
        if written and country_of(written):
            out.append(Place(m.start("city"), m.end("country"), m.group()[m.start("city") - m.start():], city, "city",
                             city, country_of(written)))
        else:
            out.append(Place(m.start("city"), m.end("city"), city, city, "city", city, None))
    return out


def find_countries(text: str) -> list[Place]:
    """'in Belgium', 'at the Netherlands'...: a country after in/at, where no city is named."""
    out = []
    for m in _COUNTRY_AFTER.finditer(text):
        country = country_of(m.group("country"))
        if country:
            out.append(Place(m.start("country"), m.end("country"), m.group("country"), country, "country", None, country))
    return out


_COUNTRY_AFTER = WordPattern(r"\b@place_preps\s+(?:@definite\s+)?(?P<country>[A-Z][a-zà-ÿ]+(?:\s+(?:@genitive\s+)?[A-Z][a-zà-ÿ]+){0,3})")


# A city in a title line with nothing around it to say it is a place (no country written, no date,
# no "in") is read only when it is a large city: many small towns are named like words ("Time", "Of").
LONE_CITY_MIN_POPULATION = 100_000

_TITLE_CITY = re.compile(r"(?:(?<=\d)|(?<=[\d(]\s)|(?<=\()|^)(?P<city>[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)(?!\s*:)"
                         r"(?:,\s+(?P<country>[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?))?")  # "Date: ..." is a label
# "Conference on X, Sarajevo, 12-13 June 2030", "Meeting of X – Vienna – 3 May 2019": a city between
# separators right before the date
_TITLE_CITY_BEFORE_DATE = re.compile(r"(?<=[,–—|]\s)(?P<city>[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)"
                                     r"(?:,\s+(?P<country>[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?))?(?=\s*[,–—|]?\s*\d)")


_AFTER_LINE_START_CITY = re.compile(r"\s*(?:[,;(–—|:-]|\d|$)")


def find_title_cities(line: str) -> list[Place]:
    """A city in a title-block line next to the date: "(Strasbourg, 3 May 2019)",
    "3-4 May 2019, Vienna", "3-4 May 2019Vienna, Austria" (a city glued to the year), "X, Vienna,
    3 May 2019"."""
    from ..lang.resources import lexicon

    calendar = set(lexicon().months) | set(lexicon().weekdays)
    out = []
    matches = sorted([*_TITLE_CITY.finditer(line), *_TITLE_CITY_BEFORE_DATE.finditer(line)], key=lambda m: m.start())
    for m in matches:
        if any(p.start <= m.start("city") < p.end for p in out):
            continue
        city = m.group("city")
        if city in calendar or country_of(city) or city_country(city) is None:
            continue
        if not line[:m.start("city")].strip() and not _AFTER_LINE_START_CITY.match(line, m.end()):
            continue  # "Police from three regions attended ...": a sentence's first word, not "Vienna, 3 May"
        written = m.group("country")
        country = country_of(written) if written else None
        if country is None and not re.search(r"\d", line) and city_population(city) < LONE_CITY_MIN_POPULATION:
            continue  # "Time | Session | Speaker": a small town's name that is also a word, with no date
        end = m.end("country") if country else m.end("city")
        out.append(Place(m.start("city"), end, line[m.start("city"):end], city, "city", city, country))
    return out


_PLACE_LINE = re.compile(r"^\s*(?P<city>[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)(?:,\s+(?P<country>[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?))?\s*$")


def find_place_line(line: str) -> list[Place]:
    """A title-block line that is nothing but a place ("Vienna", "Skopje, North Macedonia"), or
    one of its fields between separators that is ("Press Release • 3 May 2031 • Vienna")."""
    whole = _place_alone(line)
    if whole or len(fields := _field_separator().split(line)) < 3:
        return whole
    found, start = [], 0
    for i, field in enumerate(fields):
        if not _field_separator().fullmatch(field):
            # a header's place closes it or has a date beside it; a table's header ("Time | Split |
            # Speaker") names a small town's word among others
            found += [Place(p.start + start, p.end + start, p.text, p.value, p.kind, p.city, p.country)
                      for p in _place_alone(field) if p.country or re.search(r"\d", line) or i == len(fields) - 1]
        start += len(field)
    return found[:1]


@lru_cache(maxsize=None)
def _field_separator() -> re.Pattern:
    """A separator between a header line's fields, kept by split (a captured group)."""
    return re.compile(f"({lexicon().field_separator_re})")


def _place_alone(line: str) -> list[Place]:
    m = _PLACE_LINE.match(line)
    if not m or country_of(m.group("city")) or city_country(m.group("city")) is None:
        return []
    country = country_of(m.group("country")) if m.group("country") else None
    if m.group("country") and country is None:
        return []
    if country is None and city_population(m.group("city")) < LONE_CITY_MIN_POPULATION:
        return []  # a line "Time" or "Split": a word before it is a small town's name
    end = m.end("country") if country else m.end("city")
    return [Place(m.start("city"), end, line[m.start("city"):end], m.group("city"), "city", m.group("city"), country)]


def platform_mentions(text: str) -> list[Place]:
    """Online platforms named as where the meeting happens: "via Zoom", "a link to the Zoom meeting"."""
    platforms, _ = _online()
    out = []
    for m in platforms.finditer(text):
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 25]
        if re.search(vocab(r"\b@venues.platform_leads\s+$"), before, re.I) or \
                re.match(vocab(r"\s+@venues.platform_nouns\b"), after, re.I):
            out.append(Place(m.start(), m.end(), m.group(), m.group(), "platform"))
    return out


def online_cues(sentence: str) -> list[tuple[int, int, str]]:
    """Words saying a meeting happened online, as (start, end, text) within the sentence."""
    platforms, words = _online()
    cues = [(m.start(), m.end(), m.group()) for m in platforms.finditer(sentence)]
    for m in words.finditer(sentence):
        after = sentence[m.end():m.end() + 30]
        before = sentence[max(0, m.start() - 30):m.start()]
        # "online" that qualifies the meeting, not "online exploitation"
        nouns, tied, not_meeting = _online_context()
        if nouns.match(after) or tied.search(before) or re.match(vocab(r"\s*(?:[.,;:]|$|@venues.online_clause_ends\b)"), after):
            if not not_meeting.match(after):
                cues.append((m.start(), m.end(), m.group()))
    return cues
