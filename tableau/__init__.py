"""Dashboard logic, kept out of the Streamlit page files.

Pure modules (no Streamlit import): donnees, etat, filtre, selection, vue, carte,
panneau, format. Streamlit glue: session (state <-> widgets <-> URL), widgets
(map component wrapper), assets (Leaflet files).
"""
