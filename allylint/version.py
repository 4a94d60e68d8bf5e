"""allylint's version, in a module of its own: modules that report it need not
import the package (and so the whole API) to read it."""

__version__ = "0.3.0"
