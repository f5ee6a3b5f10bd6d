"""Pure logic of the dashboard: data model, state, rules, exports. Never imports Streamlit."""
