"""Static and Label that never interpret markup.

Text on screen comes from the officer (names, narratives) and from content files; square
brackets in it must show as typed, never be parsed as Textual markup (which could restyle it or
fail on a stray ``[/``). Every module in ``tui/`` imports these instead of Textual's own.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Label as _Label
from textual.widgets import Static as _Static


class Static(_Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(_Label):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)
