"""Page « Territoires »: its content is tableau/ui/pages/territoires.py, its frame app.py."""
from tableau.ui import cadre
from tableau.ui.pages import territoires

territoires.afficher(cadre.contexte())
