"""Gardien: the digital guardian of an independent health practice."""

__version__ = "0.1.0"
