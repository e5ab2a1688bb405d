"""Developer tools that drive Streamlit (benchmarks, the app server, the demos CLI).

Unlike simulacro/ and projects/, these may import streamlit and ui: they are never
imported by the pure layers.
"""
