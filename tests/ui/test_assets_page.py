"""The page when the install step was skipped: one French message naming the command,
and nothing written (AppTest; kept out of `make test-unit`)."""
from streamlit.testing.v1 import AppTest

from tableau.ui import assets

RACINE = assets.STATIC.parent


def test_page_sans_fichiers_statiques_message_clair(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "STATIC", tmp_path / "static")
    assets.verifier_une_fois.cache_clear()
    try:
        at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=30)
        at.run()
        assert not at.exception
        assert any("python -m tableau.ui.assets" in e.value for e in at.error), [e.value for e in at.error]
        assert not (tmp_path / "static").exists()  # nothing written
    finally:
        assets.verifier_une_fois.cache_clear()
