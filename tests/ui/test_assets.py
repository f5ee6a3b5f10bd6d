"""Static files (Leaflet, derived public files) are placed at install time from the
installed packages, never committed, and never written by the running app."""
import subprocess

from tableau.ui import assets


def test_copie_depuis_le_paquet(tmp_path):
    cible = assets.installer_leaflet(tmp_path / "leaflet")
    js = (cible / "leaflet.js").read_text(encoding="utf-8")
    assert "1.9.4" in js[:400]
    assert (cible / "leaflet.css").read_bytes() == (assets.source_leaflet() / "leaflet.css").read_bytes()
    (cible / "leaflet.css").write_text("abîmé")
    assets.installer_leaflet(cible)  # a damaged copy is replaced
    assert (cible / "leaflet.css").read_bytes() == (assets.source_leaflet() / "leaflet.css").read_bytes()


def test_publier_n_ecrit_que_ce_qui_change(tmp_path):
    f = assets.publier(tmp_path, "donnees/x.json", b"{}")
    avant = f.stat()
    assert assets.publier(tmp_path, "donnees/x.json", b"{}").stat().st_mtime_ns == avant.st_mtime_ns
    assets.publier(tmp_path, "donnees/x.json", b"[1]")
    assert f.read_bytes() == b"[1]" and sorted(p.name for p in f.parent.iterdir()) == ["x.json"]


def test_installation_puis_verification_sans_ecriture(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    assert len(assets.manquants(static)) == len(assets.FICHIERS)
    assert list(static.iterdir()) == []  # checking never creates anything
    places = assets.installer(static)
    assert sorted(str(p) for p in places if p.parts[0] == "leaflet") == sorted(f"leaflet/{n}" for n in assets.FICHIERS)
    assert sum(p.parts[0] == "geo" for p in places) == 17  # the map's geometry: 1 + 16 territories' communes
    assert assets.manquants(static) == []
    (static / "leaflet" / "leaflet.js").unlink()
    assert assets.manquants(static) == ["leaflet/leaflet.js"]


def test_etape_ajoutee_pour_des_donnees_publiques(tmp_path, monkeypatch):
    """The extension point for derived public files (e.g. the map's geometry)."""
    def etape_donnees(static):
        return [assets.publier(static, "donnees/contours.json", b'{"type": "Topology"}')]
    monkeypatch.setattr(assets, "ETAPES", (*assets.ETAPES, etape_donnees))
    static = tmp_path / "static"
    assert "donnees/contours.json" in map(str, assets.installer_tout(static))
    assert assets.manquants(static) == []
    (static / "donnees" / "contours.json").unlink()
    assert assets.manquants(static) == ["donnees/contours.json"]  # the start-up check sees it


def test_aucun_js_tiers_versionne():
    suivis = subprocess.run(["git", "ls-files", "*.js", "*.css"], cwd=assets.STATIC.parent,
                            capture_output=True, text=True).stdout.split()
    assert suivis == []


def test_etape_de_la_geometrie_de_la_carte(tmp_path):
    """The map's static geometry (tableau.logique.geostatique) is an install step: one
    file per name, dated for long browser caching, stale files of other data removed."""
    from tableau.logique import geostatique
    static = tmp_path / "static"
    (static / "geo").mkdir(parents=True)
    (static / "geo" / "carte-0000000000000000.json").write_bytes(b"{}")  # other data's file
    places = assets.etape_geometrie(static)
    assert sorted(p.name.rsplit("-", 1)[0] for p in places) == sorted(
        ["carte"] + [f"communes-{t}" for t in assets_ids()])
    assert sorted((static / "geo").iterdir()) == sorted(places)
    for p in places:
        assert p.name == geostatique.nom(p.name.rsplit("-", 1)[0], p.read_bytes())
        assert p.stat().st_mtime == geostatique.DATE_FICHIERS
    assert assets.etape_geometrie(static) == places  # idempotent


def assets_ids() -> tuple[str, ...]:
    from tableau.logique import donnees
    return donnees.charger().ids
