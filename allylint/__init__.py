"""allylint: an inclusive-language linter for documentation and code comments."""

from allylint.api import lint_paths, lint_text
from allylint.findings.model import Finding
from allylint.version import __version__

__all__ = ["Finding", "__version__", "lint_paths", "lint_text"]
