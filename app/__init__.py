"""Facewell: guided self-care for facial spasms."""

__version__ = "0.1.0"
