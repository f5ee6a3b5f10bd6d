"""Build errors carrying the file, row and problem, in French (shown to users)."""
from __future__ import annotations


class BuildError(Exception):
    """A source is inconsistent: the build stops and ``data/`` is left untouched."""

    def __init__(self, message: str, fichier: str | None = None, ligne: int | None = None):
        self.fichier = fichier
        self.ligne = ligne
        self.detail = message
        where = ""
        if fichier:
            where = fichier + (f", ligne {ligne}" if ligne is not None else "") + " : "
        super().__init__(where + message)
