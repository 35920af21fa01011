"""Text that comes from outside the company (portal forms, emails) before it is stored.

Why: Unicode's bidirectional override and isolate controls change the order in which the
characters after them are *displayed*, not the characters themselves. A customer, or anyone
who can send an email, can type a subject such as ``Invoice <U+202E>gnp.exe`` that every
employee reads as "Invoice exe.png", or a sender name that displays as someone else's. No
honest name or subject needs them: right-to-left text such as Persian is laid out by the
characters' own direction. So they are removed from names and subjects taken from outside.

The marks Persian writing does need are kept: the zero-width non-joiner (U+200C, نیم‌فاصله)
and the right-to-left and left-to-right marks (U+200F, U+200E), which only hint the
direction of neutral characters such as digits and punctuation next to them.
"""

# U+202A-U+202E: LRE, RLE, PDF, LRO, RLO (embeddings and overrides);
# U+2066-U+2069: LRI, RLI, FSI, PDI (isolates).
BIDI_CONTROLS = frozenset(chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_REMOVE = dict.fromkeys(ord(char) for char in BIDI_CONTROLS)


def strip_bidi_controls(text):
    """``text`` without bidirectional override and isolate controls; falsy values (False,
    None, "") are returned unchanged, so that it can be applied to any field value."""
    if not text or not isinstance(text, str):
        return text
    return text.translate(_REMOVE)
