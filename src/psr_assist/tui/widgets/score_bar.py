"""A screening total drawn against its band thresholds, in characters (no colour needed), and in words."""

from __future__ import annotations

from typing import Any

from rich.text import Text


def score_bar(instrument: Any, total: int | None, width: int = 40) -> Text:
    """Three lines: the bar filled to ``total``, the band edges (│) with their lowest scores, band names.

    Shaded blocks mark the score; the edges and the numbers say where each band starts, so the
    picture reads the same in monochrome.
    """
    low, high = instrument.score_range.min, instrument.score_range.max
    span = max(high - low, 1)

    def col(score: float) -> int:
        return min(width - 1, max(0, round((score - low) / span * (width - 1))))

    filled = -1 if total is None else col(total)
    edges = {col(band.min) for band in instrument.bands[1:]}
    bar = Text()
    for i in range(width):
        if i in edges:
            bar.append("│" if i > filled else "┃", style="bold")
        elif i <= filled:
            bar.append("█", style="bold")
        else:
            bar.append("░", style="dim")
    scale = [" "] * (width + 6)

    def put(pos: int, words: str) -> None:
        for j, ch in enumerate(words):
            if pos + j < len(scale):
                scale[pos + j] = ch

    put(0, str(low))
    for band in instrument.bands[1:]:
        put(col(band.min), str(band.min))
    put(width - len(str(high)), str(high))
    lines = Text()
    lines.append_text(bar)
    lines.append("\n")
    lines.append("".join(scale).rstrip(), style="dim")
    return lines


def band_key(instrument: Any, sep: str = " · ") -> str:
    """``0–4 minimal · 5–9 mild …`` from the instrument's own bands (a band of one score: ``0 none``),
    each band after ``sep`` (one a line in the tool's help)."""
    return sep.join(f"{b.min if b.min == b.max else f'{b.min}–{b.max}'} {b.label}" for b in instrument.bands)


def score_saved(result: Any) -> tuple[Any, Any]:
    """(instrument, score) of a screening entry as the case holds it, scored as the check scores
    it (``domain.critical.score_answers``: answers not given yet count as unanswered).

    Raises ``ValueError`` when the check cannot score it either (an unknown instrument, more
    answers than questions, an answer out of range): the lists then say it cannot be scored.
    """
    from psr_assist.domain.critical import score_answers
    from psr_assist.domain.scoring import get_instrument

    _, _, scored, problem = score_answers(result.instrument, tuple(result.answers))
    if problem is not None:
        raise ValueError(f"the check cannot score this entry ({problem})")
    return get_instrument(result.instrument), scored


def score_words(instrument: Any, scored: Any) -> str:
    """``10 of 27 · Moderate depression``; ``4 of 27 · 3 of 9 answered`` before the band is known; ``not started``."""
    if scored.total is None:
        return "not started"
    band = scored.band_label or f"{scored.answered} of {instrument.item_count} answered"
    return f"{scored.total} of {scored.max_total} · {band}"
