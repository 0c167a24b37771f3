"""Render a typst template to PDF bytes. Fonts come only from the vendored `fonts/` folder (Noto Serif,
which covers Vietnamese); nothing is fetched at run time.

A template reads its data with `#let data = json(bytes(sys.inputs.data))`.
"""

import json
from functools import cache
from pathlib import Path

import typst

DOCUMENTS_DIR = Path(__file__).resolve().parent
FONTS_DIR = DOCUMENTS_DIR / "fonts"
TEMPLATES_DIR = DOCUMENTS_DIR / "templates"


@cache
def _fonts() -> typst.Fonts:
    # Scanning fonts costs more than a small document; do it once per process.
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(FONTS_DIR)])


def render_pdf(template_name: str | Path, data: dict) -> bytes:
    """Compile `template_name` (a file in `documents/templates/`, or a path) with `data` (JSON-serialisable;
    dates and decimals are written as strings) and return the PDF."""
    template = Path(template_name)
    if not template.is_absolute():
        template = TEMPLATES_DIR / template
    compiler = typst.Compiler(
        str(template),
        root=str(template.parent),
        font_paths=_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(data, default=str, ensure_ascii=False)},
    )
    return compiler.compile(format="pdf")
