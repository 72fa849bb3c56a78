"""The fonts the briefing is set in, taken from the fontpkg packages (never OS fonts).

fontpkg exposes each installed family through `fontpkg.family(name).files`, each file
with a path, a style and a weight (or a weight range for variable fonts). We turn them
into CSS `@font-face` rules with `file://` URLs, so WeasyPrint and a browser opening the
archived HTML on this machine use exactly these files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

# CSS family name -> fontpkg family name. Amiri (a Naskh face) reads best for Arabic
# text (its static faces keep text extractable from the PDF); Noto Sans sets Latin text.
# The CSS names end in "fontpkg" so that no OS font can answer to them: a face that
# fails to load shows up as a fallback font, not as a silent substitute, and the PDF
# names the embedded fonts "Amiri-fontpkg", "Noto-Sans-fontpkg", ...
FAMILIES: dict[str, str] = {
    "Amiri fontpkg": "Amiri",
    "Noto Sans fontpkg": "Noto Sans",
}
ARABIC_FAMILIES = ("Amiri fontpkg",)
# unicode-range keeps Latin glyphs out of the Arabic faces and vice versa, so mixed
# lines pick the right face per character.
_ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+0660-0669"


@dataclass(frozen=True)
class FontFace:
    css_family: str
    package_family: str
    path: Path
    style: str
    weight: str  # "400", "700"


@lru_cache(maxsize=1)
def font_faces() -> tuple[FontFace, ...]:
    """Every installed face of the briefing's families; missing families are skipped."""
    try:
        import fontpkg
    except ImportError:
        return ()
    faces: list[FontFace] = []
    for css_family, name in FAMILIES.items():
        try:
            family = fontpkg.family(name)
        except fontpkg.FontpkgError:
            continue
        for file in family.files:
            if file.variable:
                # WeasyPrint 70 rejects weight ranges ("100 900"): declare the variable
                # file for the regular and the bold weight, the two we use.
                for weight in ("400", "700"):
                    faces.append(FontFace(css_family, family.name, Path(file.path), file.style, weight))
            else:
                faces.append(FontFace(css_family, family.name, Path(file.path), file.style, str(file.weight or 400)))
    return tuple(faces)


def font_face_css(base: str | None = None) -> str:
    """`@font-face` rules for the bundled fonts: file:// URLs, or `base` + the file name
    for pages served from the archive site (which copies the files there)."""
    rules = []
    for face in font_faces():
        url = f"{base}{quote(face.path.name)}" if base is not None else face.path.resolve().as_uri()
        fmt = "truetype" if face.path.suffix.lower() == ".ttf" else "opentype"
        arabic = face.css_family in ARABIC_FAMILIES
        rules.append(
            "@font-face {\n"
            f"  font-family: '{face.css_family}';\n"
            f"  src: url('{url}') format('{fmt}');\n"
            f"  font-style: {face.style};\n"
            f"  font-weight: {face.weight};\n" + (f"  unicode-range: {_ARABIC_RANGE};\n" if arabic else "") + "}"
        )
    return "\n".join(rules)


def copy_fonts(folder: Path) -> list[Path]:
    """Copy the bundled font files into `folder` (skipping those already there)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for path in sorted({face.path for face in font_faces()}):
        target = folder / path.name
        if not target.exists() or target.stat().st_size != path.stat().st_size:
            shutil.copyfile(path, target)
        copied.append(target)
    return copied


def pdf_font_names() -> set[str]:
    """The base font names WeasyPrint writes for our faces ("Amiri-fontpkg", ...)."""
    return {face.css_family.replace(" ", "-") for face in font_faces()}
