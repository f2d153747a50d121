"""`python -m dyad` runs the CLI."""

import sys

from dyad.present.cli import main

sys.exit(main())
