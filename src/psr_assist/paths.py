"""Where the shipped content (prompts/, docx_templates/) lives.

In a wheel, hatchling force-includes both folders into ``psr_assist/_content``. In a source
checkout or an editable install they sit at the top of the repository. This module knows
both places so that no other module has to.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _content_dir(name: str) -> Path:
    shipped = _PACKAGE_DIR / "_content" / name
    if shipped.is_dir():
        return shipped
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"psr-assist cannot find its {name}/ folder; the installation is incomplete. Reinstall psr-assist."
    )


def prompts_dir() -> Path:
    return _content_dir("prompts")


def docx_templates_dir() -> Path:
    return _content_dir("docx_templates")
