"""Fixtures for the end-to-end tests (tests/e2e/e2e_helpers.py has them)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_helpers import display, window_manager

__all__ = ["display", "window_manager"]
