"""The game's colour themes: the default look and a high-contrast one.

Meaning never rests on colour alone (right and wrong are words and symbols, highlights are also
underlined or bold), so the monochrome rendering Textual applies when ``NO_COLOR`` is set still reads.
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "quotebound"
HIGH_CONTRAST_THEME = "quotebound-high-contrast"

QUOTEBOUND = Theme(
    name=DEFAULT_THEME,
    primary="#D9A441",
    secondary="#6FA3C7",
    accent="#E8C170",
    foreground="#ECE7DC",
    background="#1A1C22",
    surface="#22252D",
    panel="#2D313B",
    success="#7CC47F",
    warning="#E3B04B",
    error="#E2705F",
    dark=True,
    variables={
        "quote-background": "#3A3322",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#E8C170",
    },
)
"""Newsprint on a dark desk: warm amber for what matters, cool blue for navigation."""

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF66",
    warning="#FFFF00",
    error="#FF6666",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "quote-background": "#333300",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "border": "#FFFFFF",
    },
)
"""White on black with yellow focus, for low vision and bright rooms."""

THEMES = (QUOTEBOUND, HIGH_CONTRAST)

THEME_VARIABLE_DEFAULTS = {"quote-background": "#5C4B1F"}
"""The game's own CSS variables, for themes that do not set them (the built-in ones)."""
