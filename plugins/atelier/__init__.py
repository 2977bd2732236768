"""Atelier: a practice knowledge base for teachers, built on MkDocs and Material."""

__version__ = "0.1.0"
