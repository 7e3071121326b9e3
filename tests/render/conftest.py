from __future__ import annotations

import pytest

from psr_assist.render import prose


@pytest.fixture(autouse=True)
def strict_templates(monkeypatch):
    """A template that prints an empty value fails the test instead of printing nothing."""
    monkeypatch.setattr(prose, "STRICT", True)
