import os
from pathlib import Path

import pytest

from tests.e2e import pilote

ARTIFACTS = pilote.ROOT / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def serveur():
    if not Path(pilote.CHROMIUM).exists():
        pytest.fail("Chromium est absent (/usr/bin/chromium) : lancer « make test », qui l'installe.")
    with pilote.serveur() as proc:
        yield proc.url


@pytest.fixture(scope="session")
def navigateur():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = pilote.lancer_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page(navigateur):
    ctx = navigateur.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    pg = ctx.new_page()
    pg.requetes = []
    ctx.on("request", lambda r: pg.requetes.append(r.url))
    yield pg
    ctx.close()


@pytest.fixture
def artefacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
