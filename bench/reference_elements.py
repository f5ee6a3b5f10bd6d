"""Calibration page for bench.elements: the bare reference page plus N paragraphs that
change on each click, drawn as N elements or as one (chosen by TI_BENCH_MODE)."""
import os

import streamlit as st

MODE, N = os.environ.get("TI_BENCH_MODE", "markdown"), int(os.environ.get("TI_BENCH_N", "40"))
st.write("Page de référence")
clic = st.button("Relancer")
k = st.session_state.get("k", 0) + (1 if clic else 0)
st.session_state.k = k
lignes = [f"Ligne {i} de la version {k} : un texte de la longueur d'une phrase du panneau, avec **gras**."
          for i in range(N)]
if MODE == "markdown":
    for ligne in lignes:
        st.markdown(ligne)
elif MODE == "un-markdown":
    st.markdown("\n\n".join(lignes))
elif MODE == "un-html":
    st.html("".join(f"<p>{ligne}</p>" for ligne in lignes))
