"""The rule resources (YAML data files): one typed rule class per file, validated when loaded.

The files of a language live in its own folder (`lang/en/`). Each file there has a small frozen dataclass below describing its keys and value types;
`load(name)` reads the file and builds that class, and a missing, unknown or ill-typed key raises a
ResourceError that names the file and the key. `validate_all()` runs when the pipeline is built.
Adding a role title, an organisation or a cue word is a change to the data files only.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml

LANG_DIR = Path(__file__).parent
LANGUAGE = "en"  # the language whose resources the accessors below load
RESOURCE_DIR = LANG_DIR / LANGUAGE


def resource_dir(language: str = LANGUAGE) -> Path:
    """The folder of one language's rule resources; a ResourceError names a language without one."""
    folder = LANG_DIR / language
    if not (len(language) == 2 and language.isalpha() and folder.is_dir()):
        raise ResourceError(f"no rule resources for language {language!r} (expected a folder {folder})")
    return folder


class ResourceError(ValueError):
    """A rule resource that is missing or does not have the shape its rule class expects."""


class Regex(str):
    """A resource string that must compile as a regular expression."""


def _type_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _check(value: Any, hint: Any, where: str) -> Any:
    """`value` (as read by YAML's BaseLoader: strings, lists, dicts) converted to `hint`, or a
    ResourceError naming `where` (file and key) and the offending value."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return value
    if origin in (Union, UnionType):
        if type(None) in args and (value is None or value in ("", "null", "Null", "NULL", "~")):
            return None
        inner = [a for a in args if a is not type(None)]
        return _check(value, inner[0], where)
    if origin is Literal:
        if value not in args:
            raise ResourceError(f"{where}: {value!r} is not one of {', '.join(map(repr, args))}")
        return value
    if is_dataclass(hint):
        return _build(hint, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ResourceError(f"{where}: expected a list, got {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_check(v, args[0], f"{where}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise ResourceError(f"{where}: expected a list of {len(args)} items, got {value!r}")
        return tuple(_check(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
    if origin is dict:
        if not isinstance(value, dict):
            raise ResourceError(f"{where}: expected a mapping, got {value!r}")
        return {_check(k, args[0], f"{where} key {k!r}"): _check(v, args[1], f"{where}.{k}") for k, v in value.items()}
    if hint is bool:
        if value not in ("true", "false"):
            raise ResourceError(f"{where}: expected true or false, got {value!r}")
        return value == "true"
    if hint is float:
        if not isinstance(value, str) or not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
            raise ResourceError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if hint is int:
        if not isinstance(value, str) or not re.fullmatch(r"-?\d+", value):
            raise ResourceError(f"{where}: expected a whole number, got {value!r}")
        return int(value)
    if hint in (str, Regex):
        if not isinstance(value, str) or (hint is Regex and not value):
            raise ResourceError(f"{where}: expected a {'regular expression' if hint is Regex else 'string'}, got {value!r}")
        if hint is Regex:
            try:
                re.compile(value)
            except re.error as exc:
                raise ResourceError(f"{where}: {value!r} is not a valid regular expression ({exc})") from None
            return Regex(value)
        return value
    raise TypeError(f"no resource check for {_type_name(hint)}")  # a programming error, not a data error


def _build(cls: type, value: Any, where: str) -> Any:
    """A rule class from a YAML mapping: every key known, every field without a default given."""
    if not isinstance(value, dict):
        raise ResourceError(f"{where}: expected a mapping with keys {', '.join(f.name for f in fields(cls))}, got {value!r}")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ResourceError(f"{where}: unknown key {unknown[0]!r} (expected: {', '.join(sorted(known))})")
    kwargs = {}
    for f in fields(cls):
        if f.name in value:
            kwargs[f.name] = _check(value[f.name], hints[f.name], f"{where}: key {f.name!r}")
        elif f.default is MISSING and f.default_factory is MISSING:
            raise ResourceError(f"{where}: missing key {f.name!r}")
    return cls(**kwargs)


RULES: dict[str, type] = {}  # resource file name -> its rule class


def rules_for(file: str, *, root: bool = False):
    """Register a rule class for a resource file. With root=True the whole document is the
    value of the class's one field `entries` (files that are a plain list or mapping)."""

    def register(cls):
        cls.FILE, cls.ROOT = file, root
        RULES[file] = cls
        return cls

    return register


class _UniqueKeyLoader(yaml.BaseLoader):
    """YAML's plain loader, refusing a key written twice in one mapping (the second would win
    silently, so a gazetteer entry could vanish)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} is written twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The resource file `name`, validated and built into its rule class (see RULES)."""
    cls = RULES.get(name)
    if cls is None:
        raise ResourceError(f"no rule class is registered for resource {name!r}")
    path = RESOURCE_DIR / name
    where = str(path.relative_to(PACKAGE_ROOT.parent)) if path.is_relative_to(PACKAGE_ROOT.parent) else str(path)
    if not path.exists():
        raise ResourceError(f"{where}: resource file not found")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{where}: not valid YAML ({exc})") from None
    return _build(cls, {"entries": data} if cls.ROOT else data, where)


@lru_cache(maxsize=None)
def word_set(resource: str, key: str) -> frozenset[str]:
    """One word list of a resource file as a set, for membership tests, read once."""
    return frozenset(getattr(load(resource), key))


def validate_all() -> None:
    """Load every resource file through its rule class; raises ResourceError on the first bad one.
    Called when the pipeline is built, so a malformed resource stops the run before any work."""
    unregistered = sorted(p.name for p in RESOURCE_DIR.glob("*.yaml") if p.name not in RULES)
    if unregistered:
        raise ResourceError(f"{RESOURCE_DIR}: {unregistered[0]!r} has no rule class; register one in resources.py")
    for name in sorted(RULES):
        load(name)


PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # the whole `pipeline` package
# What extraction depends on: its own code, the language layer (rules as data, folding, dates) and
# the records it returns. Ingest, reconcile, the tables and the CLI are not part of it (the cleaned
# text and segments extraction reads are part of each document's key instead); the layering test
# (tests/test_layers.py) keeps extract from importing anything else.
EXTRACTION_SOURCES = ("extract", "lang", "records.py")


def resources_hash(root: Path | None = None, parts: tuple[str, ...] = EXTRACTION_SOURCES) -> str:
    """A hash of the source and resource files extraction depends on: part of the cache key."""
    root = Path(root or PACKAGE_ROOT)
    digest = hashlib.sha256()
    paths = []
    for part in parts:
        base = root / part
        paths += [base] if base.is_file() else sorted(base.rglob("*"))
    for path in sorted(paths):
        if path.is_file() and path.suffix in (".yaml", ".py", ".jsonl", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Chargé d’Affaires' -> "charge d'affaires"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    reports_as: str
    kind: str = "organization"
    short: str | None = None
    country: str | None = None
    officials_in: str | None = None

    @property
    def label(self) -> str:
        """The name used in meeting organisers and role organisations (short form when given)."""
        return self.short or self.name


@dataclass(eq=False)
class Gazetteer:
    orgs: list[Org]
    by_key: dict[str, Org] = field(default_factory=dict)  # folded surface form -> org
    by_acronym: dict[str, Org] = field(default_factory=dict)  # exact acronym -> org

    def lookup(self, surface: str) -> Org | None:
        surface = surface.strip()
        return self.by_acronym.get(surface) or self.by_key.get(fold(surface)) or self.by_key.get(
            fold(re.sub(r"^the\s+", "", surface, flags=re.I)))

    def resolve(self, org: Org) -> Org:
        """Follow reports_as to the body a role or an organiser is attributed to."""
        seen = set()
        while org.reports_as != org.name and org.name not in seen:
            seen.add(org.name)
            parent = self.by_key.get(fold(org.reports_as))
            if parent is None:
                break
            org = parent
        return org



@dataclass(frozen=True)
class OrgEntry:
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    reports_as: str | None = None
    short: str | None = None
    kind: Literal["organization", "instrument", "meeting_body"] = "organization"
    country: str | None = None  # a national body's country (where a meeting "at" it is held)
    officials_in: str | None = None  # the body its officials serve in ("EU Commissioner" -> European Commission)


@rules_for("organizations.yaml", root=True)
@dataclass(frozen=True)
class Organizations:
    entries: tuple[OrgEntry, ...]


@rules_for("honorifics.yaml")
@dataclass(frozen=True)
class Honorifics:
    before: tuple[str, ...]
    after: tuple[str, ...]


@rules_for("demonyms.yaml", root=True)
@dataclass(frozen=True)
class Demonyms:
    entries: dict[str, str]


@rules_for("not_names.yaml", root=True)
@dataclass(frozen=True)
class NotNames:
    entries: tuple[str, ...]


@rules_for("org_heads.yaml", root=True)
@dataclass(frozen=True)
class OrgHeads:
    entries: tuple[str, ...]


@rules_for("topics.yaml", root=True)
@dataclass(frozen=True)
class Topics:
    entries: dict[str, tuple[Regex, ...]]


@dataclass(frozen=True)
class NumberWords:
    ones: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]


@rules_for("lexicon.yaml")
@dataclass(frozen=True)
class Lexicon:
    speech_verbs: tuple[str, ...]
    numbers: NumberWords
    ordinals: dict[str, int]
    function_words: tuple[str, ...]
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    relative_days: dict[str, int]
    bullet_marks: tuple[str, ...]
    field_separators: tuple[str, ...]
    # named classes of words the extraction patterns are written over ("@articles" in a pattern)
    word_classes: dict[str, tuple[str, ...]]

    @property
    def bullet_class(self) -> str:
        """The bullet marks as a regex character class."""
        return "[" + "".join(re.escape(m) for m in self.bullet_marks) + "]"

    @property
    def field_separator_re(self) -> str:
        """A separator between the fields of a header line, with the spaces around it."""
        return r"[^\S\n]+[" + "".join(re.escape(m) for m in self.field_separators) + r"][^\S\n]+"


@rules_for("roles.yaml")
@dataclass(frozen=True)
class RoleRules:
    heads: tuple[str, ...]
    modifiers: tuple[str, ...]
    complements: tuple[str, ...]
    inner_words: tuple[str, ...]
    org_prefixes: tuple[str, ...]
    office_not_holder: tuple[str, ...]
    definite: tuple[str, ...]  # words that make a title a definite reference to one holder ("the")
    holder_modifiers: tuple[str, ...]  # words between those and the title ("the acting Chair")
    indefinite: tuple[str, ...]  # words that make a title an office in general ("a National Rapporteur")
    continuations: tuple[str, ...]
    known_titles: tuple[Regex, ...]
    normalise: tuple[tuple[Regex, str], ...]
    lowercase_words: tuple[str, ...]
    person_nouns: tuple[str, ...]
    person_descriptors: tuple[str, ...]
    irregular_plurals: dict[str, str]
    head_suffixes: tuple[str, ...] = ()  # written after a head with hyphens ("Ambassador-at-Large")
    national_offices: tuple[str, ...] = ()  # titles only a state has: their country is a national meeting's
    examples: tuple["RuleExample", ...] = ()  # sentences written for the title grammar: each a test
    instrument_nouns: tuple[str, ...] = ()  # a title before one modifies it ("the X Act"); never a name

    def plural(self, noun: str) -> str:
        """A person noun's plural: the irregular one given, else in -s or -es."""
        if noun in self.irregular_plurals:
            return self.irregular_plurals[noun]
        return noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")

    @property
    def person_noun_plurals(self) -> frozenset[str]:
        return frozenset(self.plural(n) for n in (*self.person_nouns, *self.person_descriptors))

    def person_noun_forms(self, *, descriptors: bool = True) -> tuple[str, ...]:
        """Person nouns (and descriptors) in the singular and the plural, longest first."""
        nouns = (*self.person_nouns, *(self.person_descriptors if descriptors else ()))
        return tuple(sorted({*nouns, *(self.plural(n) for n in nouns)}, key=len, reverse=True))


@rules_for("counts.yaml")
@dataclass(frozen=True)
class CountRules:
    qualifiers: dict[str, tuple[str, ...]]
    units: dict[str, tuple[str, ...]]
    between: tuple[str, ...]
    between_shapes: tuple[Regex, ...]
    anaphoric_before: tuple[str, ...]
    addressed_before: tuple[Regex, ...]
    not_after: tuple[Regex, ...]
    not_before: tuple[Regex, ...]
    nested: tuple[Regex, ...]
    entity_units: tuple[str, ...]  # units that count bodies or states, not people
    attendance_verbs: tuple[str, ...]  # verbs whose subject attended (as written, no lemmatizer)
    possession_verbs: tuple[str, ...] = ()  # verbs whose object is what a body has, not who attended
    anyone_nouns: tuple[str, ...] = ()  # nouns that count anyone ("people"): attendance only where tied to the meeting
    gathering_verbs: tuple[str, ...] = ()  # verbs whose object attended ("brought together 300 people")
    company_preps: tuple[str, ...] = ()  # "with 300 people": a preposition whose object is the company
    amount_nouns: tuple[str, ...] = ()  # "a total of 300 people": a noun that only carries the amount
    # a breakdown with no noun of its own ("100 organisations attended, of which three were new"):
    # the words before its number, and the verbs after it
    breakdown_leads: tuple[str, ...] = ()
    breakdown_verbs: tuple[str, ...] = ()
    # a number with no noun, the subject of one of these verbs ("while 85 attended in person")
    bare_attendance_verbs: tuple[str, ...] = ()
    # an event page's labelled line ("Participants: 75"): the unit, then its labels
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    examples: tuple[RuleExample, ...] = ()  # sentences written for the count grammar: each a test


@dataclass(frozen=True)
class RuleExample:
    """A sentence written for the rule and what the rule must yield on it (a test is made of it);
    `expect: null` is a sentence the rule must yield nothing on."""

    text: str
    expect: dict[str, str] | None


@dataclass(frozen=True)
class MatchRule:
    """One shape, one record (in the spirit of medspaCy's TargetRule): a spaCy DependencyMatcher
    pattern over the parse and the entities, which of its nodes are the parts it yields (name,
    role, ...), how a node grows into its phrase, the method and confidence it gives, its priority
    among rules that match the same words, and examples with the expected result."""

    name: str
    pattern: tuple[dict[str, Any], ...]
    yields: dict[str, str]
    method: str
    confidence: float
    priority: int
    examples: tuple[RuleExample, ...]
    role_from_verb: bool = False  # the role node is a verb ("who chairs X"): its agent noun names the office


@rules_for("person_rules.yaml")
@dataclass(frozen=True)
class PersonRules:
    """Roles tied to a named person by the parse: a capacity at the meeting in apposition ("the
    moderator, NAME"), an office in a relative clause ("NAME, who chairs the X")."""

    capacity_nouns: tuple[str, ...]
    agent_nouns: dict[str, str]
    rules: tuple[MatchRule, ...]
    # verbs whose agent ("by NAME") held a capacity at the meeting: "moderated by NAME" names a person
    passive_capacities: dict[str, str] = field(default_factory=dict)
    serving_verbs: tuple[str, ...] = ()  # "who serves as TITLE"
    copulas: tuple[str, ...] = ()  # "who is the TITLE"
    # the body a named person speaks for, tied by the parse ("On behalf of X, NAME said"): rules that
    # yield a name and an organization
    affiliation_rules: tuple[MatchRule, ...] = ()
    behalf_nouns: tuple[str, ...] = ()  # "on behalf of X"
    representing_verbs: tuple[str, ...] = ()  # "representing X", "X was represented by NAME"
    behalf_leads: tuple[str, ...] = ()  # a line "On behalf of X" above a name's line


@rules_for("meetings.yaml")
@dataclass(frozen=True)
class MeetingRules:
    """How texts announce a meeting. Each meeting noun stands for its singular and its plural."""

    meeting_verbs: tuple[str, ...]
    start_verbs: tuple[str, ...]
    end_verbs: tuple[str, ...]
    continue_verbs: tuple[str, ...]
    meeting_nouns: tuple[str, ...]

    @property
    def nouns(self) -> tuple[str, ...]:
        """Every meeting noun in the singular and the plural ("meeting" and "meetings" from either)."""
        forms = set()
        for noun in self.meeting_nouns:
            singular = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
            forms |= {singular, singular + "s"}
        return tuple(sorted(forms))
    year_evidence: tuple[Regex, ...]
    organisers: tuple[Regex, ...]
    organiser_sub_units: tuple[str, ...]
    series_drop: tuple[str, ...]
    remarks: tuple[str, ...]
    deadline_cues: tuple[str, ...]
    anniversary_cues: tuple[str, ...]
    other_meeting_cues: tuple[str, ...]
    edition_nouns: tuple[str, ...]
    # named classes of words the meeting patterns are written over ("@meetings.gather_verbs")
    word_classes: dict[str, tuple[str, ...]]
    # sentences written for the meeting record's shapes, with the fields they must give: each a test
    examples: tuple[RuleExample, ...] = ()
    # organisers the parse gives where no organiser phrase matched: DependencyMatcher records whose
    # `organisers` node heads the phrase that names them ("X hosted a webinar", "a course run by X")
    organiser_rules: tuple[MatchRule, ...] = ()


@dataclass(frozen=True)
class Cue:
    """A normative cue, one record: its name, pattern, the modality it gives, where its clause
    starts (scope), its priority (a cue of higher priority takes a clause first; a lower one inside
    a clause already taken is not read again), and examples with the clause and modality expected
    (tests/extract/test_recommendations.py makes a test of each)."""

    name: str
    pattern: Regex
    modality: str
    scope: Literal["clause", "cue", "headline"]
    priority: int
    examples: tuple[RuleExample, ...]
    # the parse must read the cue's first word as a verb with its own subject ("the fund needs
    # support"), not a noun ("the needs of victims"): spaCy's `nsubj` among its children
    verb: bool = False


@rules_for("recommendations.yaml")
@dataclass(frozen=True)
class RecommendationRules:
    cues: tuple[Cue, ...]
    participial: tuple[str, ...]
    terminators: tuple[Regex, ...]
    boundaries: tuple[Regex, ...]
    descriptive: tuple[Regex, ...]
    lead_in_cues: tuple[Regex, ...]
    actor_verbs: tuple[str, ...]
    groups: tuple[str, ...]
    addressees: dict[str, tuple[str, ...]]
    plural_anaphors: tuple[str, ...] = ()  # subjects that stand for the group named before them
    # terminators that end the clause only where the parse makes their last word the sentence's
    # verb ("The need for X was stressed"; not "... crimes they were forced to commit")
    root_terminators: tuple[Regex, ...] = ()
    document_actors: tuple[str, ...] = ()  # head nouns of texts that recommend themselves ("the Declaration")
    word_classes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "@recommendations.name" in a pattern


@dataclass(frozen=True)
class Building:
    name: str
    patterns: tuple[Regex, ...]
    city: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class OnlineWords:
    platforms: tuple[str, ...]
    words: tuple[str, ...]
    tied_after: tuple[str, ...]  # words before "online" that tie it to the meeting ("held online")
    not_meeting: tuple[str, ...]  # nouns after "online" that make it something else ("online exploitation")


@rules_for("venues.yaml")
@dataclass(frozen=True)
class VenueRules:
    buildings: tuple[Building, ...]
    generic_headquarters: bool
    building_shapes: tuple[Regex, ...]
    online: OnlineWords
    city_particles: tuple[str, ...]  # lower-case words inside a city's name ("Dar es Salaam")
    premises_heads: tuple[str, ...] = ()  # bodies whose name is also their building ("at the Ministry of X")
    word_classes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "@venues.name" in a pattern


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    orgs = []
    for entry in load("organizations.yaml").entries:
        orgs.append(Org(name=entry.name, acronym=entry.acronym, aliases=entry.aliases,
                        reports_as=entry.reports_as or entry.name, kind=entry.kind, short=entry.short,
                        country=entry.country, officials_in=entry.officials_in))
    gaz = Gazetteer(orgs)
    for org in orgs:
        for surface in (org.name, *org.aliases, *([org.short] if org.short else [])):
            gaz.by_key.setdefault(fold(surface), org)
        if org.acronym:
            gaz.by_acronym[org.acronym] = org
    return gaz


@lru_cache(maxsize=None)
def honorifics() -> tuple[str, ...]:
    """Honorifics written before a name, longest first."""
    return tuple(sorted(set(load("honorifics.yaml").before), key=len, reverse=True))


@lru_cache(maxsize=None)
def post_nominals() -> tuple[str, ...]:
    """Letters written after a name (S.J., OBE), longest first."""
    return tuple(sorted(set(load("honorifics.yaml").after), key=len, reverse=True))


@lru_cache(maxsize=None)
def honorific_keys() -> frozenset[str]:
    return frozenset(fold(h).rstrip(".") for h in load("honorifics.yaml").before)


def roles() -> RoleRules:
    return load("roles.yaml")


@lru_cache(maxsize=None)
def bullet_re() -> re.Pattern:
    """A bulleted or numbered line's mark ("- ", "• ", "1. ", "a) "); bullet marks are lexicon data."""
    return re.compile(rf"^\s*(?:{lexicon().bullet_class}|\d{{1,2}}[.)]|[a-z][.)])\s+")


def lexicon() -> Lexicon:
    return load("lexicon.yaml")


_WORD_CLASS = re.compile(r"@([a-z_]+(?:\.[a-z_]+)?)")


def _word_classes(resource: str) -> dict[str, tuple[str, ...]]:
    """The word lists of one resource file by name: its `word_classes` and its own lists of words."""
    rules = load(f"{resource}.yaml")
    names = [f.name for f in fields(rules)] + [n for n, v in vars(type(rules)).items() if isinstance(v, property)]
    classes = {}
    for name in names:
        if name == "word_classes":
            continue
        value = getattr(rules, name)
        if isinstance(value, (tuple, dict)) and value and all(isinstance(w, str) for w in value):
            classes[name] = tuple(value)
    classes.update(getattr(rules, "word_classes", None) or {})
    return classes


@lru_cache(maxsize=None)
def vocab(pattern: str) -> str:
    """A regex with its vocabulary taken from data: every "@name" becomes a group of the words of
    that class in lexicon.yaml `word_classes` or of a word list of the lexicon itself ("@months",
    "@relative_days"); "@meetings.name" reads meetings.yaml the same way. Longest words first,
    spaces flexible. The shape stays in the code and the words stay in the language's resources:
    `vocab(r"^@articles\\s+")`."""

    def expand(m: re.Match) -> str:
        resource, _, name = m.group(1).rpartition(".")
        classes = _word_classes(resource or "lexicon")
        if name not in classes:
            raise ResourceError(f"{resource or 'lexicon'}.yaml: no word class {name!r} (used in the pattern "
                                f"{pattern!r}; known: {', '.join(sorted(classes))})")
        return f"(?:{alternation(classes[name])})"

    return _WORD_CLASS.sub(expand, pattern)


class WordPattern:
    """`vocab(pattern)` compiled on first use, for patterns kept at module level: the resources are
    read (and validated) when the pipeline is built, never when a module is imported. Behaves as the
    compiled pattern (`.match`, `.search`, `.finditer`, ...); `engine` is `re` or `regex`."""

    __slots__ = ("pattern", "flags", "engine", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, *, engine: Any = re):
        self.pattern, self.flags, self.engine, self._compiled = pattern, flags, engine, None

    def compiled(self):
        if self._compiled is None:
            self._compiled = self.engine.compile(vocab(self.pattern), self.flags)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)


@lru_cache(maxsize=None)
def demonyms() -> dict[str, str]:
    return dict(load("demonyms.yaml").entries)


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    """Words never part of a person's name: the blocklist, function and calendar words, the head
    words of organisation names, the nouns of meetings ("Regional Expert Meeting" is no "TITLE
    NAME") and the names of online platforms."""
    lex = lexicon()
    venues = load("venues.yaml")
    heads = [w for h in load("org_heads.yaml").entries for w in h.split()]
    meeting_nouns = [n for n in load("meetings.yaml").meeting_nouns if " " not in n]
    words = (*load("not_names.yaml").entries, *lex.function_words, *lex.months, *lex.weekdays, *heads, *meeting_nouns,
             *roles().instrument_nouns,
             *(w for p in venues.online.platforms for w in p.split()))
    return frozenset(fold(w) for w in words)


def alternation(words, *, flexible_space: bool = True) -> str:
    """A regex of literal words that prefers the longest ("pointed out" before "pointed"), written
    as a trie ("con(?:ference(?:s)?|sultation)"): Python's re tries every branch of a flat
    alternation at every position, a trie only the branches of the letters it reads (the meeting
    name patterns ran 1.7x faster, with the same matches). Words matching at one position are
    prefixes of one another, so preferring the longer branch is the longest-first order of a flat
    alternation. A space stands for any run of white space unless flexible_space is False."""
    root: dict = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [(r"\s+" if ch == " " and flexible_space else re.escape(ch)) + emit(sub)
                 for ch, sub in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:  # a word ends here: the longer words first, then this one
            return f"(?:{body})?" if len(parts) == 1 else f"{body}?"
        return body

    return emit(root)
