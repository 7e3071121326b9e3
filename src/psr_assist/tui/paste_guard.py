"""Pasted text stays text, even when it carries terminal escape codes.

A terminal with bracketed paste sends ``ESC [200~`` + the text + ``ESC [201~``. Textual 8's
input parser treats an ESC *inside* the pasted text (copied from coloured program output, say:
``ESC [31m``) as the start of a key sequence: the characters after it are re-sent as key presses,
before the paste, and are lost from the pasted text. A return among them presses the focused
button; a control character among them can run a command. The officer only pasted some text.

:class:`PasteSafeParser` cleans the bytes before Textual's parser sees them: between the paste
markers, escape sequences are removed (by the domain's rule, ``domain.case.strip_escape_codes``)
and so is any ESC left on its own, so the parser sees one plain paste and
delivers it as one ``Paste`` event. Everything outside a paste (keys, mouse, resize reports) is
passed on unchanged. The paste's other control characters are removed by the fields themselves
(``domain.case.clean_text``), as for typed text.

:func:`install` makes Textual's Linux and macOS driver use it. Textual builds its parser inside
the driver's input thread from the driver module's ``XTermParser`` name, so that name is what is
replaced; if a later Textual moves it, nothing is replaced and Textual's own parser runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.message import Message

from psr_assist.domain.case import ESCAPE_CODE, strip_escape_codes

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC = "\x1b"
# How far back an unfinished escape code (or the start of the end marker) is held for the next
# read; an unfinished OSC code (a link carries its address) is held up to its own limit.
_HOLD_LIMIT = 64
_OSC_HOLD_LIMIT = 4096
_OSC_START = ESC + "]"


def paste_text(text: str) -> str:
    """Pasted ``text`` without terminal escape codes (the domain's own rule) or any ESC left over."""
    return strip_escape_codes(text).replace(ESC, "") if ESC in text else text


class PasteSafeParser(XTermParser):
    """Textual's parser, fed pasted text with its escape codes removed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._in_paste = False
        self._held = ""  # inside a paste: the end of the last read, which may be an unfinished code
        self._tail = ""  # outside a paste: the last characters passed on, to find a split start marker

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input: pass on whatever was held back, then end
            cleaned, self._held = paste_text(self._held), ""
            if cleaned:  # feeding "" would end the input before the end is fed
                yield from super().feed(cleaned)
            yield from super().feed(data)
            return
        cleaned = self._clean(data)
        if cleaned:
            yield from super().feed(cleaned)

    def _clean(self, data: str) -> str:
        out: list[str] = []
        text = data
        while text:
            if not self._in_paste:
                window = self._tail + text
                found = window.find(PASTE_START)
                if found < 0:
                    out.append(text)
                    self._tail = window[-(len(PASTE_START) - 1) :]
                    return "".join(out)
                after = found + len(PASTE_START) - len(self._tail)  # where the pasted text starts
                out.append(text[:after])
                text = text[after:]
                self._in_paste, self._tail = True, ""
                continue
            text, self._held = self._held + text, ""
            end = text.find(PASTE_END)
            if end >= 0:
                out.append(paste_text(text[:end]) + PASTE_END)
                text = text[end + len(PASTE_END) :]
                self._in_paste = False
                continue
            hold = self._hold_from(text)
            if hold is not None:
                text, self._held = text[:hold], text[hold:]
            out.append(paste_text(text))
            return "".join(out)
        return "".join(out)


    @staticmethod
    def _hold_from(text: str) -> int | None:
        """Where the part of a paste that may be an unfinished escape code starts, if it does.

        Only an ESC outside every whole code (the domain's ``ESCAPE_CODE``) can start one: the
        first such OSC start (a link or title, which may be long and whose terminator may be in
        the next read), else the last such ESC if it is near the end.
        """
        if ESC not in text:
            return None
        whole = [match.span() for match in ESCAPE_CODE.finditer(text)]
        loose = [
            i for i, char in enumerate(text)
            if char == ESC and not any(start <= i < end for start, end in whole)
        ]
        for position in loose:
            if text.startswith(_OSC_START, position) and len(text) - position <= _OSC_HOLD_LIMIT:
                return position
        if loose and len(text) - loose[-1] <= _HOLD_LIMIT:
            return loose[-1]
        return None


def install() -> bool:
    """Make Textual's terminal driver read input with :class:`PasteSafeParser`; True if it does."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # no termios (Windows): that driver reads keys another way
        return False
    current = getattr(linux_driver, "XTermParser", None)
    if not isinstance(current, type) or not issubclass(current, XTermParser):
        return False
    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
    return True
