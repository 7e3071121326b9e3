"""The footer of every screen: key labels, made compact on narrow terminals so more of them fit."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class AppFooter(Footer):
    def on_resize(self, event: Any) -> None:
        self.compact = event.size.width < 110
