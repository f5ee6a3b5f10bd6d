"""Page « Sources et méthode »: its content is tableau/ui/pages/sources.py, its frame app.py."""
from tableau.ui import cadre
from tableau.ui.pages import sources

sources.afficher(cadre.contexte())
