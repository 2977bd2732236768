"""What Atelier writes for people and machines outside the site: the review comment of a pull
request (Markdown), GitHub annotations and JSON diagnostics."""
