"""Small rules of English used wherever our own words are put into a sentence.

Stdlib only: the check (domain), the report (render) and the screens (tui) all build sentences
from labels, and each must write "an alcohol treatment requirement" and "Enter hearing date…"
the same way.

Acronyms are left as written. A first word is an acronym when it is longer than one character and
its letters are all capitals ("GP", "PHQ-9", "K10", "AUDIT-C"), or when it has a capital after its
first letter ("McKenzie"). "I" ("I've") is left alone too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import overload

# Capital letters whose spoken names start with a vowel sound: "an FDR", "an MHTR", but "a GP".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0] if words else ""


def is_acronym(word: str) -> bool:
    """True for "GP", "PHQ-9", "K10", "AUDIT-C", "McKenzie", "I" and "I've"; False for "Hearing", "A", "X-ray"."""
    if word == "I" or word[:2] in ("I'", "I’"):
        return True
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if len(word) > 1 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in word[1:])


def _spelled_out(word: str) -> bool:
    """Said letter by letter: all capitals ("FDR", "PHQ-9"), or a capital letter before a hyphen ("X-ray").
    Not a word with capitals inside it ("McKenzie", "RoSH"): that is said as a word."""
    letters = [c for c in word if c.isalpha()]
    if len(word) > 1 and letters and all(c.isupper() for c in letters):
        return True
    head = word.split("-", 1)[0]
    return "-" in word and len(head) == 1 and head.isupper()


def article(words: str, *, capital: bool = False) -> str:
    """The article before ``words``, "a" or "an": "an alcohol treatment requirement", "a GP", "an FDR".

    Our own words only: an ordinary word is taken to start with the sound its first letter
    gives (no "an hour", "a user"); an acronym in capitals is read letter by letter. ``capital`` gives
    "A" / "An" to start a sentence.
    """
    first = _first_word(words)
    if not first:
        vowel = False
    elif _spelled_out(first):
        vowel = first[0] in _VOWEL_SOUND_LETTERS
    else:
        vowel = first[0].lower() in "aeiou"
    word = "an" if vowel else "a"
    return word.capitalize() if capital else word


@overload
def lower_first(text: str) -> str: ...
@overload
def lower_first(text: None) -> None: ...


def lower_first(text: str | None) -> str | None:
    """``text`` with its first letter lower case, for use mid-sentence ("Enter hearing date…").

    A first word that is an acronym keeps its capitals ("PHQ-9 total", "GP practice"). Empty
    text and ``None`` come back as they are.
    """
    if not text or is_acronym(_first_word(text)):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    """``text`` with its first letter a capital, to start a sentence with words made for the middle of one."""
    return text[:1].upper() + text[1:]


def join_words(items: Iterable[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (empty items left out); ``last="or"`` for a choice."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {last} " + items[-1]
