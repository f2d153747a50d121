"""`python -m dyad` runs the CLI."""

import sys

from dyad.present.cli import main

if __name__ == "__main__":
    sys.exit(main())
