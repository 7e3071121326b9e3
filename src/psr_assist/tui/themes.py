"""Dark, light and high-contrast themes. Meaning is always carried by text marks too (✓ ! ✗)."""

from __future__ import annotations

from textual.theme import Theme

PSR_DARK = Theme(
    name="psr-dark",
    primary="#5FA8D3",
    secondary="#8FB8A8",
    accent="#E8B949",
    warning="#E0A83A",
    error="#F47067",
    success="#57AB5A",
    foreground="#E6EDF3",
    background="#1B1F24",
    surface="#22272E",
    panel="#2D333B",
    dark=True,
)

PSR_LIGHT = Theme(
    name="psr-light",
    primary="#1F5F8B",
    secondary="#3D6B5A",
    accent="#8A5A00",
    warning="#8A5A00",
    error="#B3261E",
    success="#236A27",
    foreground="#1C2024",
    background="#FAFAF7",
    surface="#FFFFFF",
    panel="#E3E8EC",
    dark=False,
    variables={
        # The footer's keys in a darker amber: a terminal with 256 colours shows the accent on
        # the panel at 4.1:1; this stays over 4.5:1 there (6.4:1 in full colour).
        "footer-key-foreground": "#704900",
    },
)

PSR_HIGH_CONTRAST = Theme(
    name="psr-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF6E6E",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 40%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)

THEMES = (PSR_DARK, PSR_LIGHT, PSR_HIGH_CONTRAST)
THEME_NAMES = {"psr-dark": "dark", "psr-light": "light", "psr-high-contrast": "high contrast"}
#: The theme of a first start, until the officer chooses another (then kept: store/preferences.py).
DEFAULT_THEME = "psr-dark"
