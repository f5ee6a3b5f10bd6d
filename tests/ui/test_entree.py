"""The Enter script aims at the search fields and match lists the page really has."""
import json

from tableau.ui import ecran, entree, session


def test_le_script_vise_les_champs_et_les_listes_de_la_recherche():
    js = entree.script(ecran.CLE_RESULTATS)
    assert json.dumps([session.W_RECHERCHE, session.W_RECHERCHE_CARTE]) in js
    assert f'".st-key-" + {json.dumps(ecran.CLE_RESULTATS)} + cle + " button"' in js
    assert "__" not in js.replace("__tiEntree", "")  # every placeholder filled
    assert js.count("<script>") == 1 and js.rstrip().endswith("</script>")
