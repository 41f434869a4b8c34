"""Every file a static asset refers to ships with it: collectstatic's manifest storage (the run
command's `egov start`) refuses a CSS or JS file whose source map or url() points nowhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC_ROOTS = [p for p in (Path(__file__).resolve().parents[2]).glob("**/static") if p.is_dir()]
MAP_COMMENT = re.compile(r"sourceMappingURL=([^\s*]+)")


@pytest.mark.parametrize("root", STATIC_ROOTS, ids=lambda p: str(p.parent.name))
def test_source_maps_named_by_static_files_exist(root):
    missing = []
    for path in list(root.rglob("*.css")) + list(root.rglob("*.js")):
        for name in MAP_COMMENT.findall(path.read_text(encoding="utf-8", errors="replace")):
            if not name.startswith("data:") and not (path.parent / name).exists():
                missing.append(f"{path.relative_to(root)} → {name}")
    assert missing == []
