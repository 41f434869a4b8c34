"""Admin of the one-stop app: the catalog (with import and export) and the rule sets.

Every write is audited: model saves by ``AuditedAdminMixin``, inline rows by
:class:`~egov.onestop.admin.audit.AuditedInlinesMixin`, imports by the import service.
"""

from egov.onestop.admin import catalog, rules

__all__ = ["catalog", "rules"]
