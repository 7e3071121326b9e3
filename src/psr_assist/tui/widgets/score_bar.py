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


def band_key(instrument: Any) -> str:
    """``0–4 minimal · 5–9 mild …`` from the instrument's own bands."""
    return " · ".join(f"{b.min}–{b.max} {b.label}" for b in instrument.bands)


def score_saved(result: Any) -> tuple[Any, Any]:
    """(instrument, score) of a screening entry as the case holds it.

    Answers not given yet count as unanswered; answers past the instrument's last question are
    left out. Raises the scoring errors for an unknown instrument or an answer out of range.
    """
    from psr_assist.domain.scoring import get_instrument, score

    instrument = get_instrument(result.instrument)
    answers = (list(result.answers) + [None] * instrument.item_count)[: instrument.item_count]
    return instrument, score(instrument.id, answers)


def score_words(instrument: Any, scored: Any) -> str:
    """``10 of 27 · Moderate depression``; ``4 of 27 · 3 of 9 answered`` before the band is known; ``not started``."""
    if scored.total is None:
        return "not started"
    band = scored.band_label or f"{scored.answered} of {instrument.item_count} answered"
    return f"{scored.total} of {scored.max_total} · {band}"
