"""The county hub (``liaison-desk-hub``): a FastAPI service over its own database."""
