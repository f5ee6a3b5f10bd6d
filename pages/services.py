"""Page « Services de la phase II »."""
from tableau import page_services, session

d, e = session.debut_page("services", "Services de la phase II")
page_services.afficher(d, e.territoire)
session.fin_page(e)
