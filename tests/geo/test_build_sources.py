"""Full builds from the shared raw sources: reproducibility and failure modes."""
import shutil
from pathlib import Path

import pytest

from geo import build, sources

DATA = build.ROOT / "data"
SRC = build.DEFAULT_SOURCES

_SKIP_SANS_SOURCES = pytest.mark.skipif(not SRC.is_dir(), reason=f"sources brutes absentes ({SRC}) : "
                                   "seules les données committées sont testées")


def needs_sources(test):
    """Integration test on the raw sources: skipped without them, left out of `make test-unit`."""
    return pytest.mark.sources(_SKIP_SANS_SOURCES(test))


@pytest.fixture(scope="module")
def built():
    return build.build(SRC, log=lambda *_: None)


@needs_sources
def test_build_reproduces_committed_data_byte_for_byte(built):
    committed = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert sorted(built) == committed
    for name, text in built.items():
        assert (DATA / name).read_bytes() == text.encode("utf-8"), (
            f"data/{name} ne correspond plus au pipeline : relancer « python -m geo.build »")


@needs_sources
def test_build_reports_the_partial_epci(built):
    import json
    partiels = json.loads(built["manifest.json"])["controles"]["epci_partiels"]
    assert partiels == [{"territoire": "creuse-industrie", "siren": "200066744", "nom": "CC Haute-Corrèze Communauté",
                         "communes_dans_territoire": 11, "communes_epci": 70}]


def _mirror(tmp_path: Path) -> Path:
    """A writable copy of the sources made of symlinks, so one file can be swapped."""
    mirror = tmp_path / "sources"
    for s in sources.ALL:
        target = mirror / s.fichier
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(SRC / s.fichier)
    return mirror


@needs_sources
@pytest.mark.parametrize("edit, message", [
    (lambda t: t + "99999,Agenais\n", "ligne 2243 : code commune « 99999 » inconnu du COG 2026"),
    (lambda t: t + "32013,Agenais\n", "ligne 2243 : code commune « 32013 » inconnu du COG 2026 ou hors des"),
    (lambda t: t.replace("Pays Basque", "Pays Basque Nord", 1), "territoire « Pays Basque Nord » inconnu"),
    (lambda t: "\n".join(ligne for ligne in t.splitlines() if "Agenais" not in ligne) + "\n",
     "territoire(s) sans aucune commune : agenais"),
])
def test_bad_membership_stops_the_build_and_keeps_data(tmp_path, capsys, edit, message):
    mirror = _mirror(tmp_path)
    member = mirror / sources.MEMBERSHIP.fichier
    text = member.read_text(encoding="utf-8")
    member.unlink()
    member.write_text(edit(text), encoding="utf-8")
    out = tmp_path / "data"
    out.mkdir()
    (out / "territoires.geojson").write_text("previous")
    (out / "manifest.json").write_text('{"sorties": [{"fichier": "territoires.geojson"}]}')
    assert build.main(["--sources", str(mirror), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "anct-ti-2026/ti_communes_na_2026.csv" in err and message in err
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "territoires.geojson"]
    assert (out / "territoires.geojson").read_text() == "previous"


@needs_sources
def test_missing_geometry_file_is_named(tmp_path, capsys):
    mirror = _mirror(tmp_path)
    (mirror / sources.commune_geometry_file("40")).unlink()
    assert build.main(["--sources", str(mirror), "--out", str(tmp_path / "out")]) == 1
    assert "communes-40-landes.geojson : fichier source absent" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_sources_folder_is_a_clear_error(tmp_path, capsys):
    assert build.main(["--sources", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "dossier des sources introuvable" in capsys.readouterr().err


@needs_sources
def test_bad_content_stops_the_build(tmp_path):
    import json as _json

    from geo import contenu
    dossier = tmp_path / "contenu"
    shutil.copytree(contenu.DOSSIER, dossier)
    doc = _json.loads((dossier / "services.json").read_text(encoding="utf-8"))
    doc["services"][0]["portee"]["mentions"][0]["territoire"] = "atlantide"
    (dossier / "services.json").write_text(_json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(build.BuildError, match="geo/contenu : services.json, service 1 .* « atlantide » inconnu"):
        build.build(SRC, log=lambda *_: None, contenu_dir=dossier)


@needs_sources
def test_command_line_build_writes_the_committed_data_and_reports_no_change(tmp_path, capsys):
    out = tmp_path / "data"
    shutil.copytree(DATA, out)  # a previous build: replaced, and compared in the report
    assert build.main(["--sources", str(SRC), "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Rapport des changements : aucun changement dans les communes, territoires, EPCI, financements et lauréats.")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in DATA.iterdir() if p.is_file())
    for p in out.iterdir():
        assert p.read_bytes() == (DATA / p.name).read_bytes(), p.name
    assert [p.name for p in tmp_path.iterdir()] == ["data"]
