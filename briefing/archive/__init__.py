"""The archive: out/YYYY/MM/DD/… files and manifests, the search rows, and the static site."""

from briefing.archive.layout import (
    apply_retention,
    day_dir,
    file_stem,
    list_archive,
    read_briefing,
    read_manifest,
    show,
    write_briefing,
)
from briefing.archive.search import delete_index, index_briefing, search
from briefing.archive.site import build_site
from briefing.archive.threads import link_threads

__all__ = [
    "apply_retention",
    "build_site",
    "day_dir",
    "delete_index",
    "file_stem",
    "index_briefing",
    "link_threads",
    "list_archive",
    "read_briefing",
    "read_manifest",
    "search",
    "show",
    "write_briefing",
]
