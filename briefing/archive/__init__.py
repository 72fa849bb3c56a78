"""The archive: out/YYYY/MM/DD/… files, manifests, the index and the search index."""

from briefing.archive.layout import (apply_retention, day_dir, file_stem, list_archive, read_manifest, show,
                                     update_index, write_briefing)
from briefing.archive.search import delete_index, index_briefing, search

__all__ = ["apply_retention", "day_dir", "delete_index", "file_stem", "index_briefing", "list_archive",
           "read_manifest", "search", "show", "update_index", "write_briefing"]
