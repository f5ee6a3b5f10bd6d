"""Leaflet's files come from the installed package, copied (not committed) for static serving."""
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


def test_aucun_js_tiers_versionne():
    suivis = subprocess.run(["git", "ls-files", "*.js", "*.css"], cwd=assets.STATIC.parent,
                            capture_output=True, text=True).stdout.split()
    assert suivis == []
