"""Pasted text with terminal escape codes in it arrives as one paste, never as key presses."""

from __future__ import annotations

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from psr_assist.tui.paste_guard import PASTE_END, PASTE_START, PasteSafeParser, install, paste_text

# Copied from coloured program output: a colour code, a return and a Ctrl+Q (quit) after an ESC.
PASTED = "Seen by GP \x1b[31mon 3 May\x1b[0m\r\x11 then\x1b]0;title\x07 discharged\x1b"


def _events(parser, chunks):
    out = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    out.extend(parser.feed(""))
    return out


def _pastes_and_keys(found):
    pastes = [e.text for e in found if isinstance(e, events.Paste)]
    keys = [e.key for e in found if isinstance(e, events.Key)]
    return pastes, keys


def test_textual_alone_turns_what_follows_an_esc_in_a_paste_into_key_presses():
    """Why the guard exists: without it the same paste loses text and presses keys."""
    pastes, keys = _pastes_and_keys(_events(XTermParser(), ["x" + PASTE_START + PASTED + PASTE_END + "y"]))
    assert pastes != ["Seen by GP on 3 May\r\x11 then discharged"]
    assert "enter" in keys or "ctrl+q" in keys


def test_a_paste_with_escape_codes_is_one_paste_event_and_no_keys():
    found = _events(PasteSafeParser(), ["x" + PASTE_START + PASTED + PASTE_END + "y"])
    pastes, keys = _pastes_and_keys(found)
    # The codes are gone; the return and Ctrl+Q stay text, for the field to clean as it does typing.
    assert pastes == ["Seen by GP on 3 May\r\x11 then discharged"]
    assert keys == ["x", "y"]  # typed before and after the paste, in order
    assert [type(e) for e in found] == [events.Key, events.Paste, events.Key]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64])
def test_split_into_reads_of_any_size_gives_the_same_paste(size):
    data = "a" + PASTE_START + PASTED + PASTE_END + "b" + PASTE_START + "second\x1b[1m one" + PASTE_END
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    pastes, keys = _pastes_and_keys(_events(PasteSafeParser(), chunks))
    assert pastes == ["Seen by GP on 3 May\r\x11 then discharged", "second one"]
    assert keys == ["a", "b"]


@pytest.mark.parametrize("size", [3, 10, 40, 100])
def test_a_long_link_code_split_across_reads_is_removed_whole(size):
    link = "\x1b]8;;https://example.org/" + "a" * 120 + "\x1b\\"
    data = PASTE_START + "See " + link + "the note" + "\x1b]8;;\x1b\\" + " here" + PASTE_END
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    assert _pastes_and_keys(_events(PasteSafeParser(), chunks)) == (["See the note here"], [])


def test_input_ending_inside_a_paste_ends_quietly():
    parser = PasteSafeParser()
    list(parser.feed(PASTE_START + "abc\x1b"))
    assert list(parser.feed("")) == []  # the held ESC alone cleans to nothing: no error
    assert parser.is_eof


def test_keys_and_escape_sequences_outside_a_paste_are_untouched():
    # Escape on its own, an arrow key, Ctrl+Q: all still keys, exactly as Textual reads them.
    data = "q\x1b[A\x11"
    assert _pastes_and_keys(_events(PasteSafeParser(), [data])) == _pastes_and_keys(_events(XTermParser(), [data]))
    _, keys = _pastes_and_keys(_events(PasteSafeParser(), [data]))
    assert keys == ["q", "up", "ctrl+q"]


def test_a_plain_paste_is_delivered_as_textual_delivers_it():
    data = PASTE_START + "Plain words, 100% kept." + PASTE_END
    assert _pastes_and_keys(_events(PasteSafeParser(), [data])) == (["Plain words, 100% kept."], [])


def test_very_long_paste_in_terminal_sized_reads():
    text = ("Long narrative \x1b[32mgreen\x1b[0m. " * 4000)[:100_000]
    data = PASTE_START + text + PASTE_END
    chunks = [data[i : i + 4096] for i in range(0, len(data), 4096)]
    pastes, keys = _pastes_and_keys(_events(PasteSafeParser(), chunks))
    assert pastes == [paste_text(text)] and keys == []
    assert "\x1b" not in pastes[0] and "green" in pastes[0]


def test_paste_text_drops_codes_and_any_esc_left_over():
    assert paste_text("no codes") == "no codes"
    assert paste_text("\x1b[1;31mred\x1b[0m \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b") == "red link "


def test_the_app_reads_terminal_input_with_the_guard(store, export_dir, monkeypatch):
    from textual.drivers import linux_driver

    from tests.tui.helpers import make_app

    monkeypatch.setattr(linux_driver, "XTermParser", XTermParser)  # as Textual ships it
    make_app(store, export_dir)  # the app chooses its driver when it is made
    assert linux_driver.XTermParser is PasteSafeParser
    monkeypatch.setattr(linux_driver, "XTermParser", object())  # a Textual that moved it: left alone
    assert install() is False
