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


def pdf_compiler(template_name: str | Path) -> typst.Compiler:
    """A compiler of `template_name` (a file in `documents/templates/`, or a path). Reusing one for several
    documents keeps the parsed template and the fonts it loaded; one compiler compiles one at a time."""
    template = Path(template_name)
    if not template.is_absolute():
        template = TEMPLATES_DIR / template
    return typst.Compiler(
        str(template), root=str(template.parent), font_paths=_fonts(), ignore_system_fonts=True
    )


def pdf_compile(compiler: typst.Compiler, data: dict) -> bytes:
    """Compile with `data` (JSON-serialisable; dates and decimals are written as strings). typst releases
    the GIL meanwhile, so another thread can prepare the next document."""
    return compiler.compile(
        format="pdf", sys_inputs={"data": json.dumps(data, default=str, ensure_ascii=False)}
    )


def render_pdf(template_name: str | Path, data: dict) -> bytes:
    """Compile `template_name` with `data` and return the PDF."""
    return pdf_compile(pdf_compiler(template_name), data)
