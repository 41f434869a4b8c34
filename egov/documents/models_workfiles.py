"""Work files and the agency archive (Decree 30/2020/NĐ-CP arts. 28–31; Appendix VI, the File
metadata set): a unit's yearly file list, the work files opened from it, the documents filed
into them (one document in one file), and their closing and handing to the archive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.documents.choices import Disposal, FileListStatus, WorkFileStatus

__all__ = ["FileList", "FileListEntry", "WorkFile", "WorkFileItem"]


class FileList(models.Model):
    """A unit's file list for one year (danh mục hồ sơ)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=FileListStatus.choices, default=FileListStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("file list")
        verbose_name_plural = _("file lists")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="documents_file_list_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"


class FileListEntry(models.Model):
    """A file the list expects: its heading (field), notation, title, retention period
    (``retention_years`` None: permanent), the division that keeps it and who is responsible."""

    file_list = models.ForeignKey(FileList, on_delete=models.CASCADE, related_name="entries")
    heading = models.CharField(_("heading (field)"), max_length=200)
    notation = models.CharField(_("file notation"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years)"), null=True, blank=True, help_text=_("Empty: kept permanently.")
    )
    handling_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("division keeping it"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_ad_hoc = models.BooleanField(_("added when opened"), default=False)

    class Meta:
        verbose_name = _("file list entry")
        verbose_name_plural = _("file list entries")
        ordering = ["file_list", "heading", "notation"]
        constraints = [
            models.UniqueConstraint(
                fields=["file_list", "notation"], name="documents_file_list_notation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notation} {self.title[:60]}"


class WorkFile(models.Model):
    """A work file (hồ sơ công việc) with the File metadata of Appendix VI: ``code`` is the
    FileCode (agency code + year + notation). ``unit`` is the unit of the list, ``handling_unit``
    the division keeping the file. Closing fills the dates, counts and ``handled_online``."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    handling_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("division keeping it"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entry = models.OneToOneField(
        FileListEntry,
        verbose_name=_("file list entry"),
        on_delete=models.PROTECT,
        related_name="work_file",
    )
    code = models.CharField(_("file code"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    notation = models.CharField(_("file notation"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years)"), null=True, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WorkFileStatus.choices, default=WorkFileStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # filled when the file is closed
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    doc_total = models.PositiveIntegerField(_("documents"), default=0)
    page_total = models.PositiveIntegerField(_("pages"), default=0)
    handled_online = models.BooleanField(_("handled online"), null=True, blank=True)
    # set once the unit was told the file is due for the archive (the daily notice run)
    archive_notice_at = models.DateTimeField(
        _("archive notice sent at"), null=True, blank=True, editable=False
    )
    # filled when the file is handed to the archive
    archived_on = models.DateField(_("handed to the archive on"), null=True, blank=True)
    handover_record = models.ForeignKey(
        "documents.Document",
        verbose_name=_("handover record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # what becomes of it in the archive (recorded, never silent)
    disposal = models.CharField(
        _("disposal"), max_length=12, choices=Disposal.choices, default=Disposal.NONE, blank=True
    )
    disposal_note = models.TextField(_("reason or decision"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("work file")
        verbose_name_plural = _("work files")
        ordering = ["-year", "code"]
        indexes = [
            models.Index(fields=["unit", "opened_on"], name="documents_wf_opened"),
            models.Index(fields=["unit", "closed_on"], name="documents_wf_closed"),
            models.Index(fields=["status", "year"], name="documents_wf_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="documents_work_file_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}"

    @property
    def is_permanent(self) -> bool:
        return self.retention_years is None


class WorkFileItem(models.Model):
    """A document filed into a work file: one document is in one file at most."""

    work_file = models.ForeignKey(WorkFile, on_delete=models.CASCADE, related_name="items")
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="work_file_item"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("filed document")
        verbose_name_plural = _("filed documents")
        ordering = ["work_file", "filed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.work_file_id}: {self.document_id}"
