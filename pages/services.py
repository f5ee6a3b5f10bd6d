"""Page « Services de la phase II »: its content is tableau/ui/pages/services.py, its frame app.py."""
from tableau.ui import cadre
from tableau.ui.pages import services

services.afficher(cadre.contexte())
