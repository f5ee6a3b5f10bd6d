"""tableau.ui.profil: one JSON line per measured run, only when TI_PROFIL is set."""
import json

from tableau.ui import profil


def test_rien_sans_reglage(monkeypatch, tmp_path):
    monkeypatch.delenv("TI_PROFIL", raising=False)
    with profil.mesurer("carte"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_une_ligne_par_execution(monkeypatch, tmp_path):
    chemin = tmp_path / "runs.jsonl"
    monkeypatch.setenv("TI_PROFIL", str(chemin))
    monkeypatch.delenv("TI_PROFIL_DETAIL", raising=False)
    for page in ("carte", "sources"):
        with profil.mesurer(page):
            sum(range(10_000))
    lignes = [json.loads(x) for x in chemin.read_text(encoding="utf-8").splitlines()]
    assert [x["page"] for x in lignes] == ["carte", "sources"]
    assert all(x["cpu_ms"] >= 0 and x["mur_ms"] >= 0 for x in lignes)
    assert lignes[1]["n"] == lignes[0]["n"] + 1
