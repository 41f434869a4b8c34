"""Attachments of a document package: the manifest's references and the base64 files beside the
envelope must match one to one by content id; each file is decoded and its type checked."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Collection

from django.utils.translation import gettext as _
from lxml import etree

from egov.exchange.edxml.constants import XLINK_NS
from egov.exchange.edxml.model import Attachment
from egov.exchange.edxml.reader import Reader, find, find_all, text_of

_SPACE = re.compile(rb"\s+")


def _content_id(value: str) -> str:
    """``cid:<id>``, ``<id>`` and ``id`` all name the same part."""
    value = value.strip()
    if value.lower().startswith("cid:"):
        value = value[4:]
    return value.strip().strip("<>")


def _base_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _file_name(value: str) -> str:
    """The last path segment only: a name never chooses a directory."""
    return re.split(r"[\\/]", value)[-1].strip()


def _references(reader: Reader, envelope: etree._Element) -> dict[str, etree._Element]:
    manifest = find(find(envelope, "edXMLBody"), "edXMLManifest")
    references: dict[str, etree._Element] = {}
    for index, node in enumerate(find_all(manifest, "Reference"), start=1):
        path = f"edXMLManifest.Reference[{index}]"
        raw = text_of(find(node, "ContentId")) or node.get(f"{{{XLINK_NS}}}href", "")
        content_id = _content_id(raw)
        if not content_id:
            reader.fail(f"{path}.ContentId", _("This field is required."))
        elif content_id in references:
            reader.fail(f"{path}.ContentId", _("This content id is listed twice."))
        else:
            references[content_id] = node
    return references


def _decode(reader: Reader, raw: str, path: str) -> bytes | None:
    try:
        content = base64.b64decode(_SPACE.sub(b"", raw.encode("ascii")), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        reader.fail(path, _("The content is not valid base64."))
        return None
    if not content:
        reader.fail(path, _("The file is empty."))
        return None
    return content


def attachments_read(
    reader: Reader,
    root: etree._Element,
    envelope: etree._Element,
    *,
    content_types: Collection[str],
    max_count: int,
) -> tuple[Attachment, ...]:
    """Every attachment, in manifest order; problems go to ``reader``."""
    references = _references(reader, envelope)
    found: dict[str, Attachment] = {}
    carried: set[str] = set()
    nodes = [
        node
        for block in find_all(root, "AttachmentEncoded")
        for node in find_all(block, "Attachment")
    ]
    if len(nodes) > max_count:
        reader.fail(
            "AttachmentEncoded",
            _("At most %(count)d attachments are allowed.") % {"count": max_count},
        )
        return ()
    for index, node in enumerate(nodes, start=1):
        path = f"AttachmentEncoded.Attachment[{index}]"
        content_id = _content_id(reader.text(node, "ContentId", f"{path}.ContentId", required=True))
        reference = references.get(content_id)
        if content_id and reference is None:
            reader.fail(f"{path}.ContentId", _("Not referenced by the manifest."))
        if content_id in carried:
            reader.fail(f"{path}.ContentId", _("This content id is used twice."))
        carried.add(content_id)
        name = _file_name(
            reader.text(node, "AttachmentName", f"{path}.AttachmentName")
            or text_of(find(reference, "AttachmentName"))
        )
        if not name:
            reader.fail(f"{path}.AttachmentName", _("This field is required."))
        content_type = _base_type(
            reader.text(node, "ContentType", f"{path}.ContentType")
            or text_of(find(reference, "ContentType"))
            or "application/octet-stream"
        )
        if content_types and content_type not in content_types:
            reader.fail(
                f"{path}.ContentType",
                _("Files of type %(type)s are not accepted.") % {"type": content_type[:100]},
            )
        description = reader.text(
            node, "Description", f"{path}.Description", limit="AttachmentDescription"
        )
        content = _decode(
            reader, text_of(find(node, "ContentTransferEncoded")), f"{path}.ContentTransferEncoded"
        )
        if content is not None and content_id and name:
            found[content_id] = Attachment(content_id, name, content_type, content, description)
    for index, content_id in enumerate(references, start=1):
        if content_id not in carried:
            reader.fail(
                f"edXMLManifest.Reference[{index}]", _("No attachment carries this content id.")
            )
    return tuple(found[key] for key in references if key in found)
