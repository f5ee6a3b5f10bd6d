"""geo.sortie: the output folder is complete at every instant, killed builds are cleaned
up, and a build never replaces a folder it did not write."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo import build, sortie

ROOT = Path(__file__).resolve().parents[2]


def _construction(marque: str) -> dict[str, str]:
    """A small but real build result: two outputs and the manifest listing them."""
    files = {"a.csv": f"a,{marque}\n", "b.json": f'{{"b": "{marque}"}}\n'}
    files["manifest.json"] = json.dumps({"sorties": [{"fichier": n} for n in sorted(files)]})
    return files


def _lire(dossier: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(dossier.iterdir())}


def _arbre(racine: Path) -> dict[str, bytes]:
    return {str(p.relative_to(racine)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(racine.rglob("*"))}


# --- the swap --------------------------------------------------------------
def test_replaces_a_previous_build_and_leaves_no_temp_folder(tmp_path):
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    sortie.ecrire(_construction("v2"), out, log=lambda *_: None)
    assert _lire(out) == _construction("v2")
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_failed_write_leaves_the_previous_build_untouched(tmp_path):
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    with pytest.raises(TypeError):
        sortie.ecrire({"a.csv": "A", "b.json": None}, out)  # second write fails (not an OSError)
    assert _lire(out) == _construction("v1")
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_exchange_is_atomic_on_this_system(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("A"), (b / "x").write_text("B")
    assert sortie.echanger(a, b)
    assert ((a / "x").read_text(), (b / "x").read_text()) == ("B", "A")


def test_a_write_refused_by_the_system_is_a_french_error(tmp_path, monkeypatch, capsys):
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)

    def plein(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(sortie.os, "fsync", plein)
    with pytest.raises(sortie.EcritureImpossible,
                       match=r"écriture impossible dans « .* » \(No space left on device\) ; data/ est inchangé"):
        sortie.ecrire(_construction("v2"), out, log=lambda *_: None)
    assert _lire(out) == _construction("v1")
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


# A build killed (SIGKILL, no cleanup runs) at a given point of geo.sortie.ecrire.
TUEUR = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from geo import sortie
    out, moment = Path(sys.argv[1]), sys.argv[2]
    files = {"a.csv": "a,v2\\n", "b.json": '{"b": "v2"}\\n',
             "manifest.json": '{"sorties": [{"fichier": "a.csv"}, {"fichier": "b.json"}]}'}
    tuer = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    vrai_echange, vrai_rename = sortie.echanger, os.rename
    if moment == "avant-echange":
        sortie.echanger = lambda a, b: tuer()
    elif moment == "apres-echange":
        sortie.echanger = lambda a, b: (vrai_echange(a, b), tuer())
    elif moment == "entre-renommages":  # a system without RENAME_EXCHANGE
        sortie.echanger = lambda a, b: False
        appels = []
        def rename(a, b):
            appels.append(a)
            if len(appels) == 2:
                tuer()
            vrai_rename(a, b)
        os.rename = rename
    sortie.ecrire(files, out, log=lambda *_: None)
""")


def _tuer_pendant_l_ecriture(out: Path, moment: str) -> None:
    r = subprocess.run([sys.executable, "-c", TUEUR, str(out), moment], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == -9, r.stderr


@pytest.mark.parametrize("moment, attendu", [("avant-echange", "v1"), ("apres-echange", "v2")])
def test_killed_build_leaves_a_complete_data_folder_then_is_cleaned(tmp_path, moment, attendu):
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    _tuer_pendant_l_ecriture(out, moment)
    assert _lire(out) == _construction(attendu)  # old or new, never half or missing
    restes = [p.name for p in tmp_path.iterdir() if p.name != "data"]
    assert len(restes) == 1 and restes[0].startswith(".data.tmp-")

    lignes = []
    sortie.ecrire(_construction("v3"), out, log=lignes.append)
    assert lignes == [f"nettoyage : dossier temporaire « {restes[0]} » laissé par une construction "
                      "interrompue, supprimé."]
    assert [p.name for p in tmp_path.iterdir()] == ["data"]
    assert _lire(out) == _construction("v3")


def test_kill_between_two_renames_is_repaired_at_the_next_build(tmp_path):
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    _tuer_pendant_l_ecriture(out, "entre-renommages")
    assert not out.exists()  # the fallback's only window, repaired below
    lignes = []
    sortie.recuperer(out, log=lignes.append)
    assert _lire(out) == _construction("v1")
    assert lignes[0].startswith("reprise : data/ manquait après une construction interrompue ; "
                                "la construction précédente (.data.old-")
    assert lignes[1].startswith("nettoyage : dossier temporaire « .data.tmp-") and len(lignes) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_cleaning_spares_folders_that_are_not_build_leftovers(tmp_path):
    out = tmp_path / "data"
    for nom in (".data.notes", ".data.old-abc", ".datax.12345678", "data.sauvegarde", ".data.abcdefgh/src"):
        (tmp_path / nom).mkdir(parents=True)
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".data.abcdefgh", ".data.notes", ".data.old-abc",
                                                          ".datax.12345678", "data", "data.sauvegarde"]


def test_leftovers_of_the_previous_release_are_cleaned(tmp_path):
    """Before the exchange, builds left ``.data.XXXXXXXX`` and ``.data.old-PID`` folders."""
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    for nom in (".data.k2j4_x9a", ".data.old-12345"):
        (tmp_path / nom).mkdir()
        (tmp_path / nom / "a.csv").write_text("a,v0\n")
    lignes = []
    sortie.ecrire(_construction("v2"), out, log=lignes.append)
    assert [p.name for p in tmp_path.iterdir()] == ["data"] and len(lignes) == 2


# --- refusals: nothing touched ----------------------------------------------
@pytest.fixture
def src(tmp_path):
    d = tmp_path / "sources"
    (d / "cog-2026").mkdir(parents=True)
    (d / "cog-2026" / "communes.json").write_text("[]")
    return d


def _refuse(capsys, argv, message):
    assert build.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : dossier de sortie refusé : ") and message in err, err
    assert "Traceback" not in err


def test_refuses_a_folder_of_unrelated_files(tmp_path, src, capsys):
    out = tmp_path / "projet"
    (out / "src").mkdir(parents=True)
    (out / "notes.txt").write_text("mes notes")
    (out / "src" / "module.py").write_text("x = 1\n")
    avant = _arbre(tmp_path)
    _refuse(capsys, ["--sources", str(src), "--out", str(out)], "n'est pas vide et n'est pas une construction")
    assert _arbre(tmp_path) == avant


def test_refuses_a_previous_build_holding_a_foreign_file(tmp_path, src, capsys):
    out = tmp_path / "data"
    sortie.ecrire(_construction("v1"), out, log=lambda *_: None)
    (out / "notes.txt").write_text("ajouté à la main")
    avant = _arbre(tmp_path)
    _refuse(capsys, ["--sources", str(src), "--out", str(out)], "pas de manifest.json listant tous ses fichiers")
    assert _arbre(tmp_path) == avant


@pytest.mark.parametrize("cible, message", [
    (lambda src: src, "est ou contient le dossier des sources"),
    (lambda src: src.parent, "est ou contient le dossier des sources"),
    (lambda src: src / "sortie", "est à l'intérieur du dossier des sources"),
])
def test_refuses_the_sources_or_around_them(tmp_path, src, capsys, cible, message):
    avant = _arbre(tmp_path)
    _refuse(capsys, ["--sources", str(src), "--out", str(cible(src))], message)
    assert _arbre(tmp_path) == avant


def test_refuses_a_regular_file(tmp_path, src, capsys):
    out = tmp_path / "resultat.txt"
    out.write_text("précieux")
    avant = _arbre(tmp_path)
    _refuse(capsys, ["--sources", str(src), "--out", str(out)], "est un fichier, pas un dossier")
    assert _arbre(tmp_path) == avant


def test_accepts_an_empty_folder_or_a_new_one(tmp_path):
    vide = tmp_path / "vide"
    vide.mkdir()
    sortie.verifier_sortie(vide)
    sortie.verifier_sortie(tmp_path / "nouveau")
    sortie.ecrire(_construction("v1"), vide, log=lambda *_: None)
    assert _lire(vide) == _construction("v1")


def test_the_committed_data_folder_is_recognised_as_a_build():
    assert sortie.est_une_construction(ROOT / "data")


# --- a build never publishes what the app refuses (tableau.logique.regles) -------------
def _donnees_publiees() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").iterdir())}


def test_the_app_loader_accepts_what_is_published(tmp_path, src, monkeypatch):
    monkeypatch.setattr(build, "build", lambda *a, **k: _donnees_publiees())
    out = tmp_path / "data"
    assert build.main(["--sources", str(src), "--out", str(out)]) == 0
    assert _lire(out) == _donnees_publiees()


@pytest.mark.parametrize("avant, apres, message", [
    ('"population":102673', '"population":-102673', "territoires.geojson, territoire agenais : intercommunalité"),
    ('"superficie_km2":652.5', '"superficie_km2":0', "territoire agenais : superficie nulle"),
])
def test_a_build_the_app_would_refuse_is_not_published(tmp_path, src, monkeypatch, capsys, avant, apres, message):
    files = _donnees_publiees()
    assert avant in files["territoires.geojson"]
    files["territoires.geojson"] = files["territoires.geojson"].replace(avant, apres, 1)
    monkeypatch.setattr(build, "build", lambda *a, **k: files)
    out = tmp_path / "data"
    sortie.ecrire(_donnees_publiees(), out, log=lambda *_: None)  # the previous build
    assert build.main(["--sources", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "seraient refusés par le tableau de bord" in err and message in err and "Traceback" not in err
    assert _lire(out) == _donnees_publiees()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "sources"]  # no temp folder left
