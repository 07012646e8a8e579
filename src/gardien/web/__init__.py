"""The local web interface (gardien interface): FastAPI + Jinja2 + htmx, thin over the library."""
