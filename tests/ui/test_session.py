"""tableau.ui.session: the canonical state, its callbacks and the URL write-back, run by
a small script under AppTest (the callbacks need a Streamlit session)."""
from streamlit.testing.v1 import AppTest

from tableau.logique.etat import Etat
from tableau.ui import session


def _script():
    import streamlit as st

    from tableau.ui import session

    d = session.donnees()
    session.entrer_page(st.session_state.get("page", "carte"))
    session.etat(d)
    if action := st.session_state.pop("action", None):
        action(d)  # a callback, as Streamlit would call it
    st.session_state["vers_carte"] = session.aller_a_la_carte(st.session_state.get("page", "carte"))
    session.publier_url(st.session_state[session.K_ETAT])


def lancer(**params) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def etat(at) -> Etat:
    return at.session_state[session.K_ETAT]


def agir(at, action, **valeurs) -> AppTest:
    at.session_state["action"] = action
    for k, v in valeurs.items():
        at.session_state[k] = v
    return at.run()


def test_etat_lu_dans_l_adresse_une_seule_fois():
    at = lancer(territoire="agenais", dep="47", inconnu="1")
    assert not at.exception
    assert etat(at) == Etat("agenais", ("47",))
    assert at.session_state[session.K_NOTICES] == ["Le lien contient des paramètres non reconnus, ignorés."]
    assert dict(at.query_params) == {"territoire": "agenais", "dep": "47"}  # written back, cleaned
    at.query_params["territoire"] = "pays-basque"
    at.run()
    assert etat(at) == Etat("agenais", ("47",))  # the session's state, not the URL, is canonical


def test_filtre_qui_cache_le_territoire_le_retire():
    at = lancer(territoire="pays-basque")
    agir(at, session.sur_filtre, **{session.W_DEPS: ["86", "79", "79"]})
    assert etat(at) == Etat(None, ("79", "86"))  # reference order, once each
    assert "Pays Basque" in at.session_state[session.K_MESSAGE]
    assert at.session_state[session.W_TERR] is None
    assert dict(at.query_params) == {"dep": ["79", "86"]}


def test_commune_choisie_leve_le_filtre_et_mene_a_la_carte():
    at = lancer(dep="79")
    at.session_state["page"] = "services"
    agir(at, lambda d: session.choisir_commune(d, "64445"))
    assert etat(at) == Etat("lacq-pau-tarbes", (), "64445")
    assert at.session_state[session.K_MESSAGE] == ("Le filtre par département a été retiré pour montrer "
                                                   "« Lacq – Pau – Tarbes ».")
    assert at.session_state[session.W_TERR] == "lacq-pau-tarbes"
    assert at.session_state["vers_carte"] is True
    at.run()
    assert at.session_state["vers_carte"] is False  # once


def test_nouvelle_action_efface_les_avis():
    at = lancer(territoire="nimporte")
    assert at.session_state[session.K_NOTICES]
    agir(at, lambda d: session.choisir_territoire("agenais"))
    assert at.session_state[session.K_NOTICES] == [] and at.session_state[session.K_MESSAGE] is None
    agir(at, lambda d: session.oublier_commune())
    assert etat(at) == Etat("agenais")


def _clic(props, compte):
    return {"last_object_clicked_count": compte,
            "last_active_drawing": {"type": "Feature", "properties": props, "geometry": None}}


def test_clic_sur_la_carte_compte_les_clics():
    at = lancer()
    agir(at, session.sur_clic_carte, **{session.CLE_CARTE: _clic({"id": "agenais"}, 1)})
    assert etat(at) == Etat("agenais") and at.session_state[session.K_CLICS] == 1
    agir(at, lambda d: session.choisir_territoire(None))
    agir(at, session.sur_clic_carte)  # the component repeats its last value: no new click
    assert etat(at) == Etat()
    agir(at, session.sur_clic_carte, **{session.CLE_CARTE: _clic({"code": "47001"}, 2)})
    assert etat(at) == Etat()  # a commune of a territory that is not selected: ignored
    agir(at, session.sur_clic_carte, **{session.CLE_CARTE: _clic({"code": "47001"}, 2)})
    assert at.session_state[session.K_CLICS] == 2


def test_carte_montee_a_nouveau_compte_depuis_zero():
    at = lancer()
    at.session_state[session.K_CLICS] = 7
    at.session_state["page"] = "sources"
    at.run()
    assert at.session_state[session.K_CLICS] == 7
    at.session_state["page"] = "carte"
    at.run()
    assert at.session_state[session.K_CLICS] == 0


def test_indicateur_choisi_puis_valeur_forgee():
    at = lancer(territoire="agenais")
    agir(at, lambda d: session.sur_indicateur(), **{session.W_INDICATEUR: "part_salaries"})
    assert etat(at) == Etat("agenais", indicateur="part_salaries")
    assert dict(at.query_params) == {"territoire": "agenais", "indicateur": "part_salaries"}
    # A value no option offers (forged over the websocket): refused, the state is unchanged.
    agir(at, lambda d: session.sur_indicateur(), **{session.W_INDICATEUR: "evolution_population"})
    assert etat(at) == Etat("agenais", indicateur="part_salaries")
    assert dict(at.query_params) == {"territoire": "agenais", "indicateur": "part_salaries"}
    agir(at, lambda d: session.sur_indicateur(), **{session.W_INDICATEUR: "aucun"})
    assert etat(at) == Etat("agenais") and dict(at.query_params) == {"territoire": "agenais"}
    # The indicator is kept by the other actions (filter, territory, commune).
    agir(at, lambda d: session.sur_indicateur(), **{session.W_INDICATEUR: "taux_chomage_rp"})
    agir(at, session.sur_filtre, **{session.W_DEPS: ["47"]})
    agir(at, lambda d: session.choisir_commune(d, "47001"))
    assert etat(at).indicateur == "taux_chomage_rp" and at.query_params["indicateur"] == "taux_chomage_rp"
