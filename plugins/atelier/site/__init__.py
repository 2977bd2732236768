"""From the knowledge base to pages: generated page sources and template data (no MkDocs)."""
