"""What a reader sees, made from the knowledge base (no MkDocs): typed views for the templates,
interface strings, search records, JSON-LD and Open Graph, Atom feeds."""
