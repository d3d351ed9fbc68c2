"""Run Facewell from a source checkout: `python main.py` (the same as the `facewell` command)."""

import sys

from app.launch import main  # first: see its docstring

if __name__ == "__main__":
    sys.exit(main())
