"""HTML views of the one-stop app, one module per concern (``dossier`` joins them later)."""
