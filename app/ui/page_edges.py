"""Where every page's content begins: the same edges on each, so that switching pages
moves no title and no card sideways (they started at 242, 246 and 250 px)."""

from __future__ import annotations

__all__ = ["PAGE_MARGINS"]

PAGE_MARGINS = (24, 20, 24, 20)
"""Left, top, right, bottom, in pixels, around a page's content."""
