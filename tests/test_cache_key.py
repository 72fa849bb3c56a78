"""The analysis cache key follows the package version, the shipped data files and the code."""

import shutil
from pathlib import Path

import briefing.analyze
from briefing import __version__
from briefing.analyze import DATA_DIR, cache_key, data_digest


def test_key_names_version_method_and_points():
    key = cache_key("default", None)
    assert key.startswith(__version__ + "+")
    assert key.endswith(":default:auto")
    assert cache_key("default", 5).endswith(":default:5")
    assert len(cache_key("default", 10)) <= 40  # the store's version columns hold 40 characters
    assert cache_key("default", None) == key  # stable within a process


def test_changing_a_data_file_changes_the_key(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA_DIR, first)
    shutil.copytree(DATA_DIR, second)
    assert cache_key("default", None, data_dir=first) == cache_key("default", None)
    aliases = second / "aliases.json"
    aliases.write_bytes(aliases.read_bytes() + b"\n")
    assert cache_key("default", None, data_dir=second) != cache_key("default", None, data_dir=first)


def test_a_new_or_renamed_file_changes_the_key(tmp_path):
    base, added, renamed = (tmp_path / n for n in ("base", "added", "renamed"))
    for d in (base, added, renamed):
        d.mkdir()
        (d / "stopwords-ar.txt").write_text("في\n", encoding="utf-8")
    (added / "more.txt").write_text("", encoding="utf-8")
    (renamed / "stopwords-ar.txt").rename(renamed / "stopwords-x.txt")
    digests = {data_digest(d) for d in (base, added, renamed)}
    assert len(digests) == 3


def test_changing_the_analysing_code_changes_the_key(tmp_path):
    """A code change alone (no version bump, same data) gives analyses a new key."""
    package = Path(briefing.analyze.__file__).resolve().parents[1]
    copies = {}
    for name in ("same", "rule", "text"):
        copies[name] = tmp_path / name / "briefing"
        for part in ("analyze", "text"):
            shutil.copytree(package / part, copies[name] / part)
    rule = copies["rule"] / "analyze" / "quotes" / "extract.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    (copies["text"] / "text" / "extra.py").write_text("", encoding="utf-8")  # the text layer counts too
    keys = {name: cache_key("default", None, code_dir=copy / "analyze") for name, copy in copies.items()}
    assert keys["same"] == cache_key("default", None)
    assert len(set(keys.values())) == 3
