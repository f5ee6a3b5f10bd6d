"""The dashboard. ``logique``: pure functions of the data (no Streamlit import, checked
by a test); ``ui``: the Streamlit glue and the pages' content; app.py: the page frame."""
