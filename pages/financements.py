"""Page « Financements »: its content is tableau/ui/pages/financements.py, its frame app.py."""
from tableau.ui import cadre
from tableau.ui.pages import financements

financements.afficher(cadre.contexte())
