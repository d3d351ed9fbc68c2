"""Run Facewell from a source checkout: `python main.py` (the same as the `facewell` command)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
