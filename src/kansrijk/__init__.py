"""Kansrijk: see and steer young people's choices for technical and IT education."""

__all__ = ["__version__"]

__version__ = "0.1.0"
