"""Reference for the benchmarks: a bare one-line Streamlit page served the same way."""
import streamlit as st

st.write("Page de référence")
if st.button("Relancer"):
    st.write("Relancée")
