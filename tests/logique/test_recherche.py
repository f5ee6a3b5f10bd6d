"""« Ma commune » search: normalisation, postal codes, homonyms, nearest territory."""
import geopandas as gpd
import pytest
from shapely.geometry import Point

from tableau.logique import donnees, recherche

D = donnees.charger()


def noms(resultats):
    return [(c.nom, c.departement) for c in resultats]


@pytest.mark.parametrize("requete, attendu", [
    ("Saint-Laurent-de-la-Prée", ("Saint-Laurent-de-la-Prée", "17")),
    ("st laurent de la pree", ("Saint-Laurent-de-la-Prée", "17")),
    ("ST-LAURENT-DE-LA-PREE", ("Saint-Laurent-de-la-Prée", "17")),
    ("chatellerault", ("Châtellerault", "86")),
    ("angouleme", ("Angoulême", "16")),
    ("Mont de Marsan", ("Mont-de-Marsan", "40")),
])
def test_normalisation(requete, attendu):
    assert noms(recherche.chercher(D, requete))[0] == attendu


def test_saisie_partielle_suggere():
    r = noms(recherche.chercher(D, "Bergera"))
    assert r[0] == ("Bergerac", "24")


def test_homonymes_avec_leur_departement():
    r = recherche.chercher(D, "Douville")
    assert ("Douville", "24") in noms(r)
    mauleon = [c for c in recherche.chercher(D, "Mauléon") if c.nom == "Mauléon"]
    assert mauleon and all(recherche.libelle(D, c).startswith("Mauléon (") for c in mauleon)
    lescun = recherche.chercher(D, "Saint-Martin", limite=50)
    assert len({c.departement for c in lescun}) > 3  # same name in several départements


@pytest.mark.parametrize("requete, code", [("64000", "64445"), ("87000", "87085"), ("79200", None)])
def test_code_postal(requete, code):
    r = recherche.chercher(D, requete)
    assert r and all(any(cp.startswith(requete) for cp in c.codes_postaux) for c in r)
    if code:
        assert r[0].code == code


@pytest.mark.parametrize("requete", ["33 000", " 33\u00a0000 ", "64 1"])
def test_code_postal_ecrit_avec_une_espace(requete):
    """« 33 000 », as postal codes are often written, finds what 33000 finds."""
    compact = "".join(requete.split())
    assert recherche.chercher(D, requete) == recherche.chercher(D, compact) != []


def test_espace_dans_un_nom_ou_un_code_hors_zone():
    assert recherche.sans_espaces_si_code("Mont de Marsan") == "Mont de Marsan"
    assert recherche.hors_zone(D, "75 001").startswith("Le code « 75001 » désigne le département de Paris (75)")


@pytest.mark.parametrize("requete", ["", "   ", "-", "zzzzqqq", "<script>"])
def test_rien(requete):
    assert recherche.chercher(D, requete) == []


def test_aucune_commune_dit_ou_elle_a_cherche():
    assert recherche.aucune_commune(D) == ("Aucune commune ne correspond dans les 12 départements de la région, ni "
                                           "dans celui où un territoire déborde : Hautes-Pyrénées (65).")


def test_phrase_dans_un_territoire():
    pau = recherche.chercher(D, "Pau")[0]
    assert recherche.phrase(D, pau) == ("Pau (Pyrénées-Atlantiques) fait partie du Territoire d'industrie "
                                        "«\u202fLacq – Pau – Tarbes\u202f», au sein de l'intercommunalité "
                                        "CA Pau Béarn Pyrénées.")


@pytest.mark.parametrize("nom, dep", [("Mimizan", "40"), ("Confolens", "16")])
def test_territoire_le_plus_proche_et_distance(nom, dep):
    c = next(c for c in D.communes if c.nom == nom and c.departement == dep)
    assert not c.territoire
    # independent check: distance from the commune's point to every territory, in Lambert-93
    ti = gpd.read_file(donnees.DATA_DIR / "territoires.geojson").to_crs("EPSG:2154")
    pt = gpd.GeoSeries([Point(c.lon, c.lat)], crs="EPSG:4326").to_crs("EPSG:2154").iloc[0]
    dist = {i: g.distance(pt) / 1000 for i, g in zip(ti["id"], ti.geometry)}
    plus_proche = min(dist, key=dist.get)
    assert c.territoire_proche == plus_proche
    assert c.distance_km == pytest.approx(dist[plus_proche], abs=1.0)  # simplified shapes: ~300 m
    phrase = recherche.phrase(D, c)
    assert "n'appartient à aucun des 16 Territoires d'industrie" in phrase
    assert D.territoires[plus_proche].nom in phrase and "km" in phrase


def test_index_des_noms_suit_le_jeu_de_donnees():
    """The normalised-name index is per data set: another communes list, other answers."""
    from dataclasses import replace
    assert recherche.chercher(D, "Pau")[0].code == "64445"
    autre = replace(D, communes=tuple(replace(c, nom="Atlantis") if c.code == "64445" else c for c in D.communes))
    assert recherche.chercher(autre, "Atlantis")[0].code == "64445"
    assert all(c.code != "64445" for c in recherche.chercher(autre, "Pau", limite=50))
    assert recherche.chercher(D, "Pau")[0].code == "64445"


def test_meme_normalisation_que_le_pipeline():
    """The search and the laureate matching (geo.laureats) agree on "the same name"."""
    from geo.laureats import normaliser as du_pipeline
    noms = [c.nom for c in D.communes] + ["St-Laurent", "Ste Foy", "L'Isle", "SAINT-LAURENT-DE-LA-PRÉE", "Œuilly",
                                          "Lætitia", "MONTEMBŒUF",
                                          "  Saint--Jean  ", "stéphanois"]
    assert [recherche.normaliser(n) for n in noms] == [du_pipeline(n) for n in noms]


@pytest.mark.parametrize("requete, nom", [("Perigeux", "Périgueux"), ("Bayone", "Bayonne"),
                                          ("Angoulemme", "Angoulême"), ("Bordaux", "Bordeaux"),
                                          ("Chatelerault", "Châtellerault"), ("Poitirs", "Poitiers")])
def test_fautes_de_frappe(requete, nom):
    r = recherche.chercher(D, requete)
    assert r and r[0].nom == nom
    assert recherche.approchee(requete, r)
    assert not recherche.approchee(nom, recherche.chercher(D, nom))


def test_fautes_seulement_faute_de_mieux():
    # "Pau" is a name and the start of others: no typo neighbours ("Pay", "Rau"...) mixed in.
    assert all("pau" in recherche.normaliser(c.nom) for c in recherche.chercher(D, "Pau", limite=50))
    assert all("bayonn" in recherche.normaliser(c.nom) for c in recherche.chercher(D, "Bayonn", limite=50))
    assert recherche.chercher(D, "Pxu") == []  # too short to guess
    assert recherche.chercher(D, "zzzzqqq") == []


@pytest.mark.parametrize("a, b, k", [("bayone", "bayonne", 1), ("perigeux", "perigueux", 1), ("niort", "nirot", 1),
                                     ("abc", "abc", 0), ("", "ab", 2), ("angoulemme", "angouleme", 1),
                                     ("kitten", "sitting", 3)])
def test_distance(a, b, k):
    assert recherche.distance(a, b) == k == recherche.distance(b, a)


@pytest.mark.parametrize("requete, nom", [("Montemboeuf", "Montembœuf"), ("Voeuil-et-Giget", "Vœuil-et-Giget"),
                                          ("Doeuil-sur-le-Mignon", "Dœuil-sur-le-Mignon"), ("Mercoeur", "Mercœur"),
                                          ("Salleboeuf", "Sallebœuf"), ("Tombeboeuf", "Tombebœuf"),
                                          ("montembœuf", "Montembœuf"), ("SALLEBŒUF", "Sallebœuf")])
def test_ligatures(requete, nom):
    r = recherche.chercher(D, requete)
    assert r and r[0].nom == nom and not recherche.approchee(requete, r)


DEPS = ("Charente (16), Charente-Maritime (17), Corrèze (19), Creuse (23), Dordogne (24), Gironde (33), Landes (40), "
        "Lot-et-Garonne (47), Pyrénées-Atlantiques (64), Hautes-Pyrénées (65), Deux-Sèvres (79), Vienne (86), "
        "Haute-Vienne (87)")


@pytest.mark.parametrize("requete, debut", [
    ("Toulouse", "Toulouse (Haute-Garonne, 31) : hors de la zone couverte"),
    ("toulouse", "Toulouse (Haute-Garonne, 31) : hors de la zone couverte"),
    ("Paris", "Paris (75) : hors de la zone couverte"),
    ("75001", "Le code « 75001 » désigne le département de Paris (75), hors de la zone couverte"),
    ("97400", "Le code « 97400 » désigne le département de La Réunion (974)"),
    ("01000", "Le code « 01000 » désigne le département de l'Ain (01)"),  # the COG's type of name
    ("13000", "Le code « 13000 » désigne le département des Bouches-du-Rhône (13)"),
    ("20000", "Le code « 20000 » désigne la Corse"),
])
def test_hors_zone(requete, debut):
    assert recherche.chercher(D, requete) == []
    message = recherche.hors_zone(D, requete)
    assert message.startswith(debut)
    assert message.endswith(f"le tableau de bord couvre les 13 départements suivants : {DEPS}.")


@pytest.mark.parametrize("requete", ["zzzz", "64999", "Pau", "", "<script>"])
def test_pas_hors_zone(requete):
    assert recherche.hors_zone(D, requete) is None  # nothing known, or inside the area


def test_noms_dans_la_liste_des_communes():
    d = D
    """The select box of a territory's communes: names alone, homonyms told apart."""
    lacq = recherche.noms_dans_la_liste(d.communes_par_territoire["lacq-pau-tarbes"])
    assert len(lacq) == 561 and lacq["64445"] == "Pau"
    assert {lacq[c.code] for c in d.communes_par_territoire["lacq-pau-tarbes"] if c.nom == "Ger"} == {
        "Ger (64530)", "Ger (65100)"}
    assert len(set(lacq.values())) == len(lacq)  # every label points to one commune
    brive = recherche.noms_dans_la_liste(d.communes_par_territoire["brive-tulle-perigord-noir"])
    assert sorted(v for v in brive.values() if v.startswith("Saint-Cyprien")) == [
        "Saint-Cyprien (19130)", "Saint-Cyprien (24220)"]


def test_code_postal_avant_code_insee():
    """« 79300 »: the communes of that postal code first, each shown with it (Argentonnay has
    two and showed the other), then Sainte-Verge, whose INSEE code it is, said as such."""
    r = recherche.chercher(D, "79300")
    par_cp = [c for c in r if "79300" in c.codes_postaux]
    assert r[:len(par_cp)] == par_cp and len(par_cp) >= 4
    assert r[len(par_cp):] == [D.commune["79300"]] and "79300" not in D.commune["79300"].codes_postaux
    libelles = [recherche.libelle(D, c, "79300") for c in r]
    assert "Argentonnay (Deux-Sèvres, 79300)" in libelles and D.commune["79013"].codes_postaux[0] != "79300"
    assert libelles[-1] == "Sainte-Verge (Deux-Sèvres, code INSEE 79300)"
    premier = D.commune["79013"].codes_postaux[0]
    assert recherche.libelle(D, D.commune["79013"]) == f"Argentonnay (Deux-Sèvres, {premier})"


def test_sans_limite_tout_est_la():
    tous = recherche.chercher(D, "Saint-Jean", limite=None)
    assert len(tous) > recherche.LIMITE and tous[:recherche.LIMITE] == recherche.chercher(D, "Saint-Jean")
