def pytest_sessionstart(session):
    """The install step of the static files (as `make assets`): the app only checks them
    at run time and never writes into the project tree. Idempotent, no write when in place."""
    from tableau.ui import assets
    assets.installer_tout()
