"""Data files of the pseudonymiser (see SOURCES.md)."""
