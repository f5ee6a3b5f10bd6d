"""Page « Carte »: its content is tableau/ui/pages/carte.py, its frame app.py."""
from tableau.ui import cadre
from tableau.ui.pages import carte

carte.afficher(cadre.contexte())
