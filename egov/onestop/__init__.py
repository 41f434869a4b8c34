"""One-stop shop (cơ chế một cửa): the procedure catalog and the one-stop rule sets.

Layout (each concern is a module inside a package, so the dossier part can be added beside the
catalog as ``models/dossier.py``, ``services/dossier.py``, ``selectors/dossier.py`` and
``views/dossier.py`` without editing the catalog modules; only the package ``__init__`` files
gain one re-export line each):

- ``models/``: ``catalog.py`` (Field, Procedure), ``catalog_items.py`` (ProcedureFee,
  RequiredDocument) and ``rules.py`` (RuleSet: the one-stop regime in force over a period).
- ``choices.py``, ``rules.py`` (pure: code formats, the application-form schema, fee amounts,
  the dossier-code format, the rule-set time line), ``exceptions.py``.
- ``services/``: every write; ``catalog.py`` (versions, search text) and ``catalog_io.py``
  (import of a catalog file, loading the shipped sample).
- ``selectors/``: every read; ``catalog.py`` (public list and detail), ``catalog_io.py``
  (export) and ``rules.py`` (``ruleset_in_force``).
- ``interchange/``: the catalog file formats (JSON, CSV, XLSX) and the record <-> row mapping.
- ``views/``, ``urls.py``, ``api.py``, ``schemas.py``, ``forms.py``, ``admin/``: thin faces.
- ``data/``: the shipped Hà Nội sample and the rule sets (with the script deriving the sample).
"""
