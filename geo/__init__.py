"""Build pipeline: raw open-data sources -> small derived files in ``data/``.

Run ``python -m geo.build``. Every step is a pure function of its inputs so that
it can be unit-tested on small synthetic fixtures; ``geo.build`` only wires them.
"""
