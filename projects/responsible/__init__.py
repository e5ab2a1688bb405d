"""Responsible-AI demos: a model card built from real metrics, human-in-the-loop routing."""
