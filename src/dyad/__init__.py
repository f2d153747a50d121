"""dyad: turn articles about two countries into an evidence-grounded model of their relationship."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
