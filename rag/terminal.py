"""Article text on a terminal: escape sequences in it are shown, never obeyed.

Scraped articles can carry ANSI/OSC escape sequences (clear screen `ESC[2J`, a window title
`ESC]0;…BEL`, OSC 8 hyperlinks), 8-bit C1 controls (`\\x9b` is CSI to many terminals) and
bidi overrides that reorder what the reader sees. Printed raw they would act on the reader's
terminal. `inert` swaps each such character for one visible placeholder character, so a quote
keeps its length and shows where the control was; the stored text and the citations (file, line,
verbatim quote in `--json`) stay exact. `InertConsole` applies it to everything rich prints.

rich's `Text` removes only BEL, backspace, VT, FF and CR; ESC passes through, so it is not enough.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

PLACEHOLDER = "\ufffd"  # for C1 controls and bidi controls, which have no control picture
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]  # embeddings, overrides, isolates
# C0 controls become their Unicode control pictures (ESC -> ␛ U+241B); tab and newline are layout.
_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_TABLE |= {0x7F: 0x2421} | {c: ord(PLACEHOLDER) for c in [*range(0x80, 0xA0), *_BIDI]}
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f" + "".join(chr(c) for c in _BIDI) + "]")


def inert(text: str) -> str:
    """`text` with every terminal control character replaced by a visible stand-in.

    >>> inert("Seoul\\x1b[2J talks")
    'Seoul␛[2J talks'
    >>> inert("\\x1b]0;owned\\x07title")
    '␛]0;owned␇title'
    >>> inert("tab\\tand\\nnewline stay; CR\\r goes")
    'tab\\tand\\nnewline stay; CR␍ goes'
    >>> inert("C1 CSI \\x9b31m and bidi \\u202eevil") == "C1 CSI \\ufffd31m and bidi \\ufffdevil"
    True
    >>> inert("plain text is returned as is")
    'plain text is returned as is'
    """
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def json_safe(encoded: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as \\\\u escapes (same value, inert bytes).

    json.dumps(ensure_ascii=False) escapes C0 controls (ESC is written \\\\u001b) but leaves
    these as raw characters; a terminal reading them raw could still act on them.

    >>> import json
    >>> out = json_safe(json.dumps({"quote": "a\\x9b2Jb\\u202e"}, ensure_ascii=False))
    >>> out
    '{"quote": "a\\\\u009b2Jb\\\\u202e"}'
    >>> json.loads(out)["quote"] == "a\\x9b2Jb\\u202e"
    True
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


class InertConsole(Console):
    """A rich Console whose output cannot carry escape sequences that came from article text.

    Text is made inert before layout (so widths are right), and every rendered segment is checked
    again, which covers renderables other than Text. Control segments (cursor moves of progress
    bars and spinners) are rich's own and pass through; so do the styles rich turns into codes.
    """

    def render(self, renderable: RenderableType,
               options: ConsoleOptions | None = None) -> Iterable[Segment]:
        if isinstance(renderable, Text) and _UNSAFE.search(renderable.plain):
            renderable = renderable.copy()
            renderable.plain = inert(renderable.plain)  # same length: styles stay in place
        for segment in super().render(renderable, options):
            if segment.control or _UNSAFE.search(segment.text) is None:
                yield segment
            else:
                yield Segment(inert(segment.text), segment.style, segment.control)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(inert(text), **kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked_width = kwargs.get("width")

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """Into a pipe or file, text is not wrapped at a width nobody asked for (rich's 80, or
        the terminal's when stderr is one), so a quote stays on one line for grep and scripts.
        A width given to the console or in COLUMNS still wraps; tables always fit the width."""
        asked = self.asked_width is not None or os.environ.get("COLUMNS", "").isdigit()
        if kwargs.get("soft_wrap") is None and not self.is_terminal and not asked:
            kwargs["soft_wrap"] = True
        super().print(*objects, **kwargs)
