"""Page « Sources et méthode », generated from data/manifest.json and the content files."""
from tableau import session, sources_page

d, e = session.debut_page("sources", "Sources et méthode")
sources_page.afficher(d)
session.fin_page(e)
