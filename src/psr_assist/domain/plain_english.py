"""Plain English (``prompts/plain_english.yaml``): acronyms not spelled out and probation jargon.

:func:`plain_english` loads and compiles the lists once per process; :meth:`PlainEnglish.scan`
reads the parts of a case meant for the court or the defendant, in report order, and reports
each acronym used before it is spelled out and each jargon term, at the first place it is used.
"""


import dataclasses
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from psr_assist.domain.content_errors import ContentError

PLAIN_ENGLISH_FILE = "plain_english.yaml"

_Text = Annotated[str, Field(min_length=1)]


class _Content(BaseModel):
    # Built on first validation, not at import: content kept from an earlier run needs no validator.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Acronym(_Content):
    acronym: Annotated[str, Field(min_length=2, max_length=12, pattern=r"^[A-Za-z&]+$")]
    variants: list[Annotated[str, Field(min_length=2, max_length=12, pattern=r"^[A-Za-z&]+$")]] = Field(
        default_factory=list
    )
    meaning: _Text  # the words it stands for, as they should be written out
    spellings: list[_Text] = Field(default_factory=list)  # other accepted ways of writing it out


class JargonTerm(_Content):
    term: Annotated[str, Field(min_length=3, pattern=r"^[A-Za-z][A-Za-z \-]*[A-Za-z]$")]
    plain: _Text


class PlainEnglishContent(_Content):
    version: int
    fields: Annotated[list[_Text], Field(min_length=1)]
    acronyms: list[Acronym]
    jargon: list[JargonTerm]

    @model_validator(mode="after")
    def _unique(self) -> "PlainEnglishContent":
        forms = [f for a in self.acronyms for f in (a.acronym, *a.variants)]
        dupes = sorted({f for f in forms if forms.count(f) > 1})
        if dupes:
            raise ValueError(f"acronym listed twice: {', '.join(dupes)}")
        terms = [_squash(j.term) for j in self.jargon]
        dupes = sorted({t for t in terms if terms.count(t) > 1})
        if dupes:
            raise ValueError(f"jargon term listed twice: {', '.join(dupes)}")
        if len(set(self.fields)) != len(self.fields):
            raise ValueError("a field is listed twice")
        return self


class _LazyPattern:
    """A regular expression compiled the first time it is used."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def findall(self, text: str) -> list:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled.findall(text)


def _squash(term: str) -> str:
    return re.sub(r"[\s\-]+", "", term.lower())


@dataclasses.dataclass(frozen=True)
class Use:
    """One acronym or jargon term found in the case: where first, and how often in all."""

    kind: str  # "acronym" or "jargon"
    word: str  # the acronym or term as listed in the data (never the officer's text)
    plain: str  # what it stands for / the plain alternative
    field: str  # first place used, e.g. "proposal.plan[1].intervention"
    count: int


Getter = Callable[[Any], Iterator[tuple[str, str]]]


def _getter(spec: str) -> Getter:
    """Compile ``a.b`` / ``a[].b.c`` into a function yielding (concrete path, text) pairs."""
    if "[]." in spec:
        list_path, rest = spec.split("[].", 1)
        list_parts = list_path.split(".")
        rest_parts = rest.split(".")

        def get_items(case: Any) -> Iterator[tuple[str, str]]:
            obj = case
            for part in list_parts:
                obj = getattr(obj, part)
            for index, item in enumerate(obj or ()):
                value = item
                for part in rest_parts:
                    value = getattr(value, part, None)
                    if value is None:
                        break
                if isinstance(value, str) and value:
                    yield f"{list_path}[{index}].{rest}", value

        return get_items
    parts = spec.split(".")

    def get_one(case: Any) -> Iterator[tuple[str, str]]:
        value = case
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return
        if isinstance(value, str) and value:
            yield spec, value

    return get_one


def _check_field(spec: str) -> None:
    from psr_assist.domain.case import Case
    from psr_assist.domain.questions import resolve_field

    model = Case
    parts = spec.split("[].")
    try:
        for index, part in enumerate(parts):
            info = resolve_field(model, part)
            last = index == len(parts) - 1
            if not last:
                if not info.is_list or info.item_model is None:
                    raise KeyError(spec)
                model = info.item_model
            elif info.annotation is not str:
                raise KeyError(spec)
    except KeyError:
        raise ContentError(f"{PLAIN_ENGLISH_FILE}: field {spec!r} is not a text field of the case") from None


class PlainEnglish:
    """The compiled lists. Each entry has a cheap substring test and a precompiled whole-word regex.

    The check runs on every keystroke over up to ~20 long texts, so a text is only searched with
    an entry's regex when the entry's letters are in it at all (a C-speed substring test).
    """

    def __init__(self, content: PlainEnglishContent) -> None:
        self.content = content
        self._getters = [_getter(spec) for spec in content.fields]
        self._acronyms = content.acronyms
        self._jargon = content.jargon
        # Acronyms: case-sensitive whole words; a plural or possessive s may follow.
        # Patterns are compiled on first need (most never are): compiling all ~50 up front cost
        # ~10 ms of every `psr-assist check` start.
        self._acronym_tests: list[tuple[tuple[str, ...], _LazyPattern]] = []
        for acronym in content.acronyms:
            forms = tuple(sorted((acronym.acronym, *acronym.variants), key=len, reverse=True))
            pattern = _LazyPattern(
                r"(?<![A-Za-z0-9&])(?:" + "|".join(re.escape(f) for f in forms) + r")(?:'?s)?(?![A-Za-z0-9&])"
            )
            self._acronym_tests.append((forms, pattern))
        self._spellings = [tuple(s.lower() for s in (a.meaning, *a.spellings)) for a in content.acronyms]
        # Jargon: any case; a hyphen may be a space or missing; a plural may follow.
        self._jargon_tests: list[tuple[str, _LazyPattern]] = []
        for item in content.jargon:
            words = re.split(r"[\s\-]+", item.term.lower())
            body = r"[\s\-]?".join(re.escape(w) for w in words)
            pattern = _LazyPattern(r"(?<![\w\-])" + body + r"(?:e?s)?(?![\w\-])", re.IGNORECASE)
            self._jargon_tests.append((words[0], pattern))
        # Per-text results are memoised: between keystrokes only the text being edited changes.
        self._hits = functools.lru_cache(maxsize=256)(self._hits_uncached)

    def texts(self, case: Any) -> list[tuple[str, str]]:
        """(path, text) for every non-empty text meant for the court or defendant, in report order."""
        out: list[tuple[str, str]] = []
        for get in self._getters:
            out.extend(get(case))
        return out

    def _hits_uncached(self, text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
        """((acronym key, count), ...), ((jargon key, count), ...) for one text."""
        acronyms = []
        for key, (forms, pattern) in enumerate(self._acronym_tests):
            if any(form in text for form in forms):
                hits = len(pattern.findall(text))
                if hits:
                    acronyms.append((key, hits))
        lowered = text.lower()
        jargon = []
        for key, (needle, pattern) in enumerate(self._jargon_tests):
            if needle in lowered:
                hits = len(pattern.findall(lowered))
                if hits:
                    jargon.append((key, hits))
        return tuple(acronyms), tuple(jargon)

    def scan(self, case: Any) -> list[Use]:
        """Acronyms used before being spelled out, and jargon, each at its first place of use."""
        texts = self.texts(case)
        acronym_first: dict[int, int] = {}
        acronym_count: dict[int, int] = {}
        jargon_first: dict[int, int] = {}
        jargon_count: dict[int, int] = {}
        for position, (_path, text) in enumerate(texts):
            acronyms, jargon = self._hits(text)
            for key, hits in acronyms:
                acronym_first.setdefault(key, position)
                acronym_count[key] = acronym_count.get(key, 0) + hits
            for key, hits in jargon:
                jargon_first.setdefault(key, position)
                jargon_count[key] = jargon_count.get(key, 0) + hits
        uses: list[Use] = []
        lowered: list[str] = []
        for key, position in sorted(acronym_first.items(), key=lambda kv: (kv[1], kv[0])):
            while len(lowered) <= position:
                lowered.append(texts[len(lowered)][1].lower())
            spellings = self._spellings[key]
            if any(spelling in text for text in lowered[: position + 1] for spelling in spellings):
                continue
            acronym = self._acronyms[key]
            uses.append(Use("acronym", acronym.acronym, acronym.meaning, texts[position][0], acronym_count[key]))
        for key, position in sorted(jargon_first.items(), key=lambda kv: (kv[1], kv[0])):
            term = self._jargon[key]
            uses.append(Use("jargon", term.term, term.plain, texts[position][0], jargon_count[key]))
        return uses


def load_plain_english(path: Path | None = None) -> PlainEnglish:
    """Load, validate and compile the plain-English lists; problems raise ContentError naming the file."""
    if path is None:
        from psr_assist.paths import prompts_dir

        path = prompts_dir() / PLAIN_ENGLISH_FILE
    return PlainEnglish(_load_content(path))


def _load_content(path: Path) -> PlainEnglishContent:
    from psr_assist.domain.rules.content import read_model

    content = read_model(path, PlainEnglishContent, "a mapping with 'fields', 'acronyms' and 'jargon'")
    for spec in content.fields:
        _check_field(spec)
    return content


@functools.lru_cache(maxsize=1)
def plain_english() -> PlainEnglish:
    """The shipped lists, loaded and compiled once per process (the lists kept between runs when allowed)."""
    from psr_assist.domain.content_cache import cached
    from psr_assist.paths import prompts_dir

    path = prompts_dir() / PLAIN_ENGLISH_FILE
    return PlainEnglish(cached("plain-english", [path], lambda: _load_content(path), PlainEnglishContent))
