"""How cues are spoken unless the person chose otherwise, said once.

No imports: the window reads its settings before the first frame, and this module is
all it needs of speech then.
"""

DEFAULT_RATE = 150
"""Words per minute: a little slower than the engine's own 200."""
DEFAULT_VOLUME = 0.8
"""0.0 .. 1.0: a little softer than full."""
