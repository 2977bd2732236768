"""The knowledge base itself: plain Python, no MkDocs import.

reader → schema → model → knowledge; the plugin and the CLI both call `knowledge.load`.
"""
