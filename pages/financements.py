"""Page « Financements » : regional figures, ledger and documented laureates."""
from tableau import page_financements, session

d, e = session.debut_page("financements", "Financements")
page_financements.graphiques(d)
page_financements.registre(d, e.territoire)
page_financements.laureats(d, e.territoire)
session.fin_page(e)
