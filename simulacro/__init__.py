"""Simulacro: pure logic (no Streamlit import) for the interview-preparation app."""
