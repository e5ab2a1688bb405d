"""Streamlit-side helpers shared by the pages (cached loaders, common widgets).

Logic stays in `simulacro/` and `projects/`; this package only adapts it to Streamlit.
"""
