"""Streamlit glue: session state and callbacks, widgets, map component, page content."""
