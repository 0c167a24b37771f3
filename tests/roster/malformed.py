# ruff: noqa: E501  (a table of file recipes: one recipe a line reads better than wrapped ones)
"""A corpus of malformed roster files, made on the spot (nothing binary is committed): the kinds a hostile
or careless user uploads — far cell references, huge declared dimensions, many empty columns, deep XML,
huge or broken shared strings, DTDs, zip tricks, truncated and bit-flipped copies of a good file, CSV and
parquet damage, .ods and .xls impostors.

    uv run python -m tests.roster.malformed OUTDIR      # writes every file of the corpus to OUTDIR

Each file must give a RosterError or a clean import: never a crash, never a partial write.
"""

import io
import random
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import polars as pl

HEADER_ROW = ["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính"]
GOOD_ROWS = [["CB1", "Nguyễn Văn An", "17/05/1985", "Nam"], ["CB2", "Trần Thị Bình", "02/01/1990", "Nữ"]]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_SHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_STRINGS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook_rels(target: str = "worksheets/sheet1.xml", strings: bool = False) -> str:
    extra = f'<Relationship Id="rId2" Type="{_STRINGS_TYPE}" Target="sharedStrings.xml"/>' if strings else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{_SHEET_TYPE}" Target="{target}"/>'
        f"{extra}</Relationships>"
    )


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    return (
        '<row r="1">'
        + "".join(cell(f"{column_letters(i + 1)}1", h) for i, h in enumerate(HEADER_ROW))
        + "</row>"
    )


def good_rows(first: int = 2) -> str:
    out = []
    for offset, values in enumerate(GOOD_ROWS):
        r = first + offset
        out.append(
            f'<row r="{r}">'
            + "".join(cell(f"{column_letters(i + 1)}{r}", v) for i, v in enumerate(values))
            + "</row>"
        )
    return "".join(out)


def sheet(body: str, head: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{head}<sheetData>{body}</sheetData></worksheet>'


def xlsx(
    sheet_xml: str | bytes,
    *,
    strings: str | bytes | None = None,
    workbook: str = _WORKBOOK,
    rels: str | None = None,
    sheet_name: str = "xl/worksheets/sheet1.xml",
    extra: dict[str, bytes | str] | None = None,
    skip: tuple[str, ...] = (),
) -> bytes:
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": rels or _workbook_rels(strings=strings is not None),
        sheet_name: sheet_xml,
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if name not in skip:
                archive.writestr(name, content)
    return buffer.getvalue()


def good_xlsx() -> bytes:
    return xlsx(sheet(header_row() + good_rows()))


def good_written_xlsx() -> bytes:
    """A good roster as the project's own writer makes it (xlsxwriter)."""
    from llct.roster import read_roster, write_roster

    read = read_roster(good_xlsx(), "a.xlsx")
    buffer = io.BytesIO()
    write_roster(read.frame, buffer, "xlsx")
    return buffer.getvalue()


def shared(*texts: str, count: int | None = None) -> str:
    items = "".join(f"<si><t>{t}</t></si>" for t in texts)
    n = count if count is not None else len(texts)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{n}" uniqueCount="{n}">{items}</sst>'


def _shared_header(index_of_name: str = "1") -> str:
    return (
        '<row r="1"><c r="A1" t="s"><v>0</v></c>'
        f'<c r="B1" t="s"><v>{index_of_name}</v></c>'
        + cell("C1", HEADER_ROW[2])
        + cell("D1", HEADER_ROW[3])
        + "</row>"
    )


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
    '&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)


def _with_doctype(xml: str) -> str:
    return _LAUGHS + xml.split("?>", 1)[1]


def _far_cells() -> dict[str, Callable[[], bytes]]:
    refs = [
        "XFD1048576", "XFD1", "A1048576", "IV1048576", "IW1", "IV1", "A1048577", "ZZZ1", "AAAA1",
        "A99999999", "A4294967297", "XFE1", "ZZ2", "ZZ50000", "BA1000000", "A1000000", "Z999999",
        "a1048576", "xfd1048576", "IV500000",
    ]  # fmt: skip
    cases: dict[str, Callable[[], bytes]] = {}
    for ref in refs:
        cases[f"far-{ref}.xlsx"] = lambda ref=ref: xlsx(sheet(header_row() + good_rows() + cell(ref, "x")))
        cases[f"far-empty-{ref}.xlsx"] = lambda ref=ref: xlsx(
            sheet(header_row() + f'<row><c r="{ref}"/></row>')
        )
        cases[f"far-number-{ref}.xlsx"] = lambda ref=ref: xlsx(
            sheet(header_row() + f'<row r="3"><c r="{ref}"><v>1</v></c></row>')
        )
    cases["far-only-cell.xlsx"] = lambda: xlsx(
        sheet('<row r="1048576">' + cell("XFD1048576", "x") + "</row>")
    )
    cases["far-wide-and-tall.xlsx"] = lambda: xlsx(
        sheet(header_row() + cell("IV2", "x") + f'<row r="1048576">{cell("A1048576", "y")}</row>')
    )
    cases["far-single-quotes.xlsx"] = lambda: xlsx(
        sheet(header_row() + "<row r='5'><c r='XFD5' t='inlineStr'><is><t>x</t></is></c></row>")
    )
    cases["far-prefixed.xlsx"] = lambda: xlsx(
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{_MAIN}"><x:sheetData><x:row r="1">'
        '<x:c r="A1" t="inlineStr"><x:is><x:t>Mã cán bộ</x:t></x:is></x:c>'
        '<x:c r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>'
    )
    cases["far-newline-before-r.xlsx"] = lambda: xlsx(
        sheet(header_row() + '<row r="2"><c\nr="XFD2"\nt="inlineStr"><is><t>x</t></is></c></row>')
    )
    return cases


def _dimensions() -> dict[str, Callable[[], bytes]]:
    refs = [
        "A1:XFD1048576", "A1:IV1048576", "A1:IV156250", "A1:T1048576", "A1:ZZ100", "A1", "", ":", "A0:B0",
        "a1:xfd1048576", "XFD1048576:A1", "A1:B2:C3", "garbage", "A1:XFD", "1:1048576", "A1:AAAA1",
        "B2:XFD1048576", "A1:T3", "A1:D3",
    ]  # fmt: skip
    cases: dict[str, Callable[[], bytes]] = {}
    for index, ref in enumerate(refs):
        cases[f"dimension-{index:02d}.xlsx"] = lambda ref=ref: xlsx(
            sheet(header_row() + good_rows(), head=f'<dimension ref="{ref}"/>')
        )
    cases["dimension-prefixed.xlsx"] = lambda: xlsx(
        sheet(header_row() + good_rows(), head='<x:dimension xmlns:x="urn:x" ref="A1:XFD1048576"/>')
    )
    return cases


def _wide() -> dict[str, Callable[[], bytes]]:
    cases: dict[str, Callable[[], bytes]] = {}
    for width in (30, 100, 255, 256, 257, 1000, 16384):

        def build(width=width) -> bytes:
            empties = "".join(f'<c r="{column_letters(i)}2"/>' for i in range(5, width + 1))
            return xlsx(sheet(header_row() + f'<row r="2">{cell("A2", "CB1")}{empties}</row>'))

        def build_values(width=width) -> bytes:
            cells = "".join(f'<c r="{column_letters(i)}1"><v>{i}</v></c>' for i in range(5, width + 1))
            return xlsx(sheet(header_row().replace("</row>", cells + "</row>") + good_rows()))

        def build_unreferenced(width=width) -> bytes:
            return xlsx(sheet(header_row() + "<row>" + "<c/>" * (width - 1) + "<c><v>1</v></c></row>"))

        cases[f"wide-empty-{width}.xlsx"] = build
        cases[f"wide-values-{width}.xlsx"] = build_values
        cases[f"wide-unreferenced-{width}.xlsx"] = build_unreferenced
    cases["tall-unreferenced-rows.xlsx"] = lambda: xlsx(
        sheet(header_row() + "<row><c><v>1</v></c></row>" * 5000)
    )
    cases["tall-then-unreferenced-wide.xlsx"] = lambda: xlsx(
        sheet(
            header_row()
            + '<row r="1048576"><c><v>1</v></c></row><row>'
            + "<c/>" * 16383
            + "<c><v>1</v></c></row>"
        )
    )
    return cases


def _deep() -> dict[str, Callable[[], bytes]]:
    cases: dict[str, Callable[[], bytes]] = {}
    for depth in (100, 10_000, 200_000):
        nested = "<x>" * depth + "</x>" * depth
        cases[f"deep-text-{depth}.xlsx"] = lambda nested=nested: xlsx(
            sheet(header_row() + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{nested}</t></is></c></row>')
        )
        cases[f"deep-sheetdata-{depth}.xlsx"] = lambda nested=nested: xlsx(sheet(header_row() + nested))
        cases[f"deep-workbook-{depth}.xlsx"] = lambda nested=nested: xlsx(
            sheet(header_row() + good_rows()), workbook=_WORKBOOK.replace("<sheets>", nested + "<sheets>")
        )
        cases[f"deep-unclosed-{depth}.xlsx"] = lambda depth=depth: xlsx(sheet(header_row() + "<x>" * depth))
    return cases


def _strings() -> dict[str, Callable[[], bytes]]:
    body = _shared_header() + good_rows()
    cases: dict[str, Callable[[], bytes]] = {
        "strings-good.xlsx": lambda: xlsx(sheet(body), strings=shared(*HEADER_ROW[:2])),
        "strings-huge-one.xlsx": lambda: xlsx(sheet(body), strings=shared(HEADER_ROW[0], "x" * 300_000)),
        "strings-huge-header.xlsx": lambda: xlsx(sheet(_shared_header() + good_rows()), strings=shared("M" * 10_000_000, "H")),
        "strings-many.xlsx": lambda: xlsx(sheet(body), strings=shared(*HEADER_ROW[:2], *(f"s{i}" for i in range(300_000)))),
        "strings-index-out-of-range.xlsx": lambda: xlsx(sheet(_shared_header("999999")), strings=shared("Mã cán bộ")),
        "strings-index-negative.xlsx": lambda: xlsx(sheet(_shared_header("-1")), strings=shared("Mã cán bộ")),
        "strings-index-not-a-number.xlsx": lambda: xlsx(sheet(_shared_header("abc")), strings=shared("Mã cán bộ")),
        "strings-index-huge.xlsx": lambda: xlsx(sheet(_shared_header("9" * 40)), strings=shared("Mã cán bộ")),
        "strings-count-lies.xlsx": lambda: xlsx(sheet(body), strings=shared(*HEADER_ROW[:2], count=2_000_000_000)),
        "strings-unique-count-lies.xlsx": lambda: xlsx(sheet(body), strings=shared(*HEADER_ROW[:2]).replace('uniqueCount="2"', 'uniqueCount="4000000000"')),
        "styles-count-lies.xlsx": lambda: xlsx(sheet(body), strings=shared(*HEADER_ROW[:2]), extra={"xl/styles.xml": f'<?xml version="1.0"?><styleSheet xmlns="{_MAIN}"><numFmts count="999999999"/><cellXfs count="999999999"><xf/></cellXfs></styleSheet>'}),
        "strings-missing-part.xlsx": lambda: xlsx(sheet(body), strings=shared(*HEADER_ROW[:2]), skip=("xl/sharedStrings.xml",)),
        "strings-doctype.xlsx": lambda: xlsx(sheet(body), strings=_with_doctype(shared(*HEADER_ROW[:2]))),
        "strings-not-xml.xlsx": lambda: xlsx(sheet(body), strings=b"\x00\xff" * 1000),
        "strings-rich-deep.xlsx": lambda: xlsx(
            sheet(body), strings=shared(HEADER_ROW[0]).replace("</sst>", "<si>" + "<r><t>a</t></r>" * 100_000 + "</si></sst>")
        ),
    }  # fmt: skip
    return cases


def _xml() -> dict[str, Callable[[], bytes]]:
    good = header_row() + good_rows()
    bad_refs = ["", "A0", "0A", "A-1", "A1.5", " A1", "AAAA1", "1", "A", "Ω1", "A1A1", "A01", "A00000000001"]
    cases: dict[str, Callable[[], bytes]] = {
        f"ref-{i:02d}.xlsx": (lambda ref=ref: xlsx(sheet(header_row() + f'<row r="2"><c r="{ref}"><v>1</v></c></row>')))
        for i, ref in enumerate(bad_refs)
    }  # fmt: skip
    row_attrs = ["0", "-1", "99999999999", "abc", "1048577", "4294967297", ""]
    for i, r in enumerate(row_attrs):
        cases[f"row-attr-{i}.xlsx"] = lambda r=r: xlsx(
            sheet(header_row() + f'<row r="{r}"><c><v>1</v></c></row>')
        )
    cases |= {
        "doctype-sheet.xlsx": lambda: xlsx(_with_doctype(sheet(good))),
        "doctype-workbook.xlsx": lambda: xlsx(sheet(good), workbook=_with_doctype(_WORKBOOK)),
        "entity-external.xlsx": lambda: xlsx(
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            + sheet(good).split("?>", 1)[1].replace("CB1", "&e;")
        ),
        "unclosed.xlsx": lambda: xlsx(sheet(good)[:-20]),
        "not-xml-sheet.xlsx": lambda: xlsx(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10),
        "invalid-utf8.xlsx": lambda: xlsx(sheet(good).encode().replace("Nguyễn".encode(), b"Ngu\xff\xfen")),
        "utf16-declared.xlsx": lambda: xlsx(sheet(good).replace('encoding="UTF-8"', 'encoding="UTF-16"')),
        "utf16-sheet.xlsx": lambda: xlsx(sheet(good).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")),
        "nul-in-sheet.xlsx": lambda: xlsx(sheet(good).replace("CB1", "C\x00B1")),
        "control-chars.xlsx": lambda: xlsx(sheet(good).replace("CB1", "C&#1;B1")),
        "formula-only.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2"><c r="A2"><f>1/0</f></c></row>')),
        "error-cell.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2"><c r="A2" t="e"><v>#DIV/0!</v></c></row>')),
        "bool-cell.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2"><c r="A2" t="b"><v>2</v></c></row>')),
        "date-cell-garbage.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2"><c r="C2" t="d"><v>yesterday</v></c></row>')),
        "number-huge.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2"><c r="A2"><v>' + "9" * 400 + "</v></c></row>")),
        "number-long-text.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2"><c r="A2"><v>' + "1" * 1_000_000 + "</v></c></row>")),
        "inline-huge.xlsx": lambda: xlsx(sheet(header_row() + '<row r="2">' + cell("B2", "x" * 200_000) + "</row>")),
        "empty-sheet.xlsx": lambda: xlsx(sheet("")),
        "empty-xml.xlsx": lambda: xlsx(b""),
        "header-only.xlsx": lambda: xlsx(sheet(header_row())),
        "no-sheetdata.xlsx": lambda: xlsx(f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"/>'),
        "duplicate-cells.xlsx": lambda: xlsx(sheet(header_row() + good_rows() + good_rows())),
        "rows-backwards.xlsx": lambda: xlsx(sheet(good_rows() + header_row())),
        "spaces-64mb.xlsx": lambda: xlsx(sheet(header_row() + good_rows() + " " * (64 << 20))),
    }  # fmt: skip
    return cases


def _packaging() -> dict[str, Callable[[], bytes]]:
    good = sheet(header_row() + good_rows())
    cases: dict[str, Callable[[], bytes]] = {
        "missing-workbook.xlsx": lambda: xlsx(good, skip=("xl/workbook.xml",)),
        "missing-rels.xlsx": lambda: xlsx(good, skip=("xl/_rels/workbook.xml.rels",)),
        "missing-sheet.xlsx": lambda: xlsx(good, skip=("xl/worksheets/sheet1.xml",)),
        "missing-content-types.xlsx": lambda: xlsx(good, skip=("[Content_Types].xml",)),
        "rels-nowhere.xlsx": lambda: xlsx(good, rels=_workbook_rels("worksheets/none.xml")),
        "rels-to-itself.xlsx": lambda: xlsx(good, rels=_workbook_rels("_rels/workbook.xml.rels")),
        "rels-to-workbook.xlsx": lambda: xlsx(good, rels=_workbook_rels("workbook.xml")),
        "rels-absolute.xlsx": lambda: xlsx(good, rels=_workbook_rels("/xl/worksheets/sheet1.xml")),
        "rels-traversal.xlsx": lambda: xlsx(good, rels=_workbook_rels("../../../etc/passwd")),
        "sheet-elsewhere-far.xlsx": lambda: xlsx(
            sheet(header_row() + '<row r="1048576">' + cell("XFD1048576", "x") + "</row>"),
            rels=_workbook_rels("data.bin"), sheet_name="xl/data.bin",
        ),
        "no-sheets.xlsx": lambda: xlsx(good, workbook=_WORKBOOK.replace('<sheet name="DS" sheetId="1" r:id="rId1"/>', "")),
        "many-sheets.xlsx": lambda: xlsx(good, workbook=_WORKBOOK.replace(
            "</sheets>", "".join(f'<sheet name="S{i}" sheetId="{i + 2}" r:id="rId1"/>' for i in range(2000)) + "</sheets>"
        )),
        "sheet-name-huge.xlsx": lambda: xlsx(good, workbook=_WORKBOOK.replace('name="DS"', f'name="{"x" * 100_000}"')),
        "many-parts.xlsx": lambda: xlsx(good, extra={f"junk/{i}.xml": "" for i in range(10_001)}),
        "big-image.xlsx": lambda: xlsx(good, extra={"xl/media/image1.png": random.Random(1).randbytes(3 << 20)}),
        "zip-empty.xlsx": lambda: _zip({}),
        "zip-stored.xlsx": lambda: _zip({"[Content_Types].xml": _CONTENT_TYPES, "xl/worksheets/sheet1.xml": good}, zipfile.ZIP_STORED),
        "zip-bzip2.xlsx": lambda: _zip({"[Content_Types].xml": _CONTENT_TYPES, "xl/worksheets/sheet1.xml": good}, zipfile.ZIP_BZIP2),
        "zip-lzma.xlsx": lambda: _zip({"[Content_Types].xml": _CONTENT_TYPES, "xl/worksheets/sheet1.xml": good}, zipfile.ZIP_LZMA),
        "zip-declared-huge.xlsx": lambda: _forge_sizes(good_xlsx(), 0xFFFF_FFF0),
        "zip-declared-small.xlsx": lambda: _forge_sizes(good_xlsx(), 10),
        "zip-encrypted-flag.xlsx": lambda: _forge_flag(good_xlsx(), 0x1),
        "zip-unknown-method.xlsx": lambda: _forge_method(good_xlsx(), 99),
        "zip-duplicate-names.xlsx": lambda: _duplicate(),
        "zip-prefixed-junk.xlsx": lambda: b"PK\x03\x04" + b"\x00" * 100 + good_xlsx(),
        "zip-only-magic.xlsx": lambda: b"PK\x03\x04",
        "zip-bomb-sheet.xlsx": lambda: xlsx(sheet(header_row() + good_rows() + "<!-- " + "a" * (100 << 20) + " -->")),
    }  # fmt: skip
    return cases


def _zip(parts: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _duplicate() -> bytes:
    """The good workbook with a second, far-reaching sheet1.xml under the same name."""
    source = zipfile.ZipFile(io.BytesIO(good_xlsx()))
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in source.namelist():
                archive.writestr(name, source.read(name))
            archive.writestr("xl/worksheets/sheet1.xml", sheet(header_row() + cell("XFD1048576", "x")))
    return buffer.getvalue()


def _patch_central(data: bytes, patch: Callable[[bytearray, int], None]) -> bytes:
    """Apply `patch(buffer, offset)` to every central-directory and local header of the archive."""
    out = bytearray(data)
    for signature in (b"PK\x01\x02", b"PK\x03\x04"):
        start = 0
        while (start := out.find(signature, start)) != -1:
            patch(out, start)
            start += 4
    return bytes(out)


def _forge_sizes(data: bytes, size: int) -> bytes:
    def patch(buffer: bytearray, offset: int) -> None:
        field = 24 if buffer[offset + 2] == 1 else 22  # uncompressed size: central 24, local 22
        buffer[offset + field : offset + field + 4] = struct.pack("<I", size)

    return _patch_central(data, patch)


def _forge_flag(data: bytes, flag: int) -> bytes:
    def patch(buffer: bytearray, offset: int) -> None:
        field = 8 if buffer[offset + 2] == 1 else 6
        buffer[offset + field] |= flag

    return _patch_central(data, patch)


def _forge_method(data: bytes, method: int) -> bytes:
    def patch(buffer: bytearray, offset: int) -> None:
        field = 10 if buffer[offset + 2] == 1 else 8
        buffer[offset + field : offset + field + 2] = struct.pack("<H", method)

    return _patch_central(data, patch)


def _damaged_copies() -> dict[str, Callable[[], bytes]]:
    cases: dict[str, Callable[[], bytes]] = {}
    for i in range(30):
        cases[f"truncated-{i:02d}.xlsx"] = lambda i=i: (lambda d: d[: len(d) * i // 30])(good_written_xlsx())
    for i in range(50):

        def flipped(i=i) -> bytes:
            data = bytearray(good_written_xlsx())
            rng = random.Random(i)
            for _ in range(1 + i % 8):
                position = rng.randrange(len(data))
                data[position] ^= 1 << rng.randrange(8)
            return bytes(data)

        cases[f"flipped-{i:02d}.xlsx"] = flipped
    for i in range(10):

        def stored_flip(i=i) -> bytes:
            source = zipfile.ZipFile(io.BytesIO(good_xlsx()))
            parts = {n: source.read(n) for n in source.namelist()}
            text = bytearray(parts["xl/worksheets/sheet1.xml"])
            rng = random.Random(100 + i)
            for _ in range(1 + i):
                text[rng.randrange(len(text))] = rng.choice(b'<>"/=&;AZ09 \x00\xff')
            parts["xl/worksheets/sheet1.xml"] = bytes(text)
            return _zip(parts)

        cases[f"xml-mutated-{i:02d}.xlsx"] = stored_flip
    return cases


def _csv() -> dict[str, Callable[[], bytes]]:
    header = ",".join(HEADER_ROW).encode()
    row = "CB1,Nguyễn Văn An,17/05/1985,Nam".encode()
    return {
        "csv-nul-late.csv": lambda: header + b"\n" + (row + b"\n") * 5000 + b"CB9,An\x00,17/05/1985,Nam\n",
        "csv-nul-early.csv": lambda: header + b"\n" + b"CB9,An\x00,17/05/1985,Nam\n",
        "csv-invalid-utf8.csv": lambda: header + b"\n" + row.replace("ễ".encode(), b"\xff") + b"\n",
        "csv-cp1258.csv": lambda: "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính\nCB1,Nguyễn,17/05/1985,Nam\n".encode("cp1258", "replace"),
        "csv-utf16-odd.csv": lambda: b"\xff\xfe" + "Mã,Họ".encode("utf-16-le") + b"\x00",
        "csv-only-bom.csv": lambda: b"\xef\xbb\xbf",
        "csv-only-header.csv": lambda: header + b"\n",
        "csv-unbalanced-quote.csv": lambda: header + b'\n"CB1,An,17/05/1985,Nam\n',
        "csv-ragged.csv": lambda: header + b"\nCB1,An\nCB2,B,1,2,3,4,5\n",
        "csv-many-columns.csv": lambda: header + b"," + b",".join(b"c%d" % i for i in range(20_000)) + b"\n" + row + b"\n",
        "csv-duplicate-headers.csv": lambda: header + b",M\xc3\xa3 c\xc3\xa1n b\xe1\xbb\x99\n" + row + b",CB1\n",
        "csv-huge-field.csv": lambda: header + b"\n" + b"CB1," + b"x" * 1_000_000 + b",17/05/1985,Nam\n",
        "csv-many-empty-lines.csv": lambda: header + b"\n" + row + b"\n" + b"\n" * 100_000,
        "csv-crlf.csv": lambda: header + b"\r\n" + row + b"\r\n",
        "csv-bidi-name.csv": lambda: header + b"\n" + "CB1,An\u202etxt.exe,17/05/1985,Nam".encode() + b"\n",
        "csv-control-name.csv": lambda: header + b"\n" + b"CB1,An\x07,17/05/1985,Nam" + b"\n",
        "csv-formula.csv": lambda: header + b"\n" + b"=cmd|' /C calc'!A0,An,17/05/1985,Nam\n",
        "csv-fullwidth-cid.csv": lambda: (",".join([*HEADER_ROW, "Số CCCD"]) + "\nCB1,An,17/05/1985,Nam,００１０８５０１２３４５\n").encode(),
        "csv-binary.csv": lambda: random.Random(7).randbytes(4096),
        "csv-one-byte.csv": lambda: b"\n",
    }  # fmt: skip


def _others() -> dict[str, Callable[[], bytes]]:
    def parquet() -> bytes:
        buffer = io.BytesIO()
        pl.DataFrame({h: [v] for h, v in zip(HEADER_ROW, GOOD_ROWS[0], strict=True)}).write_parquet(buffer)
        return buffer.getvalue()

    def ods(body: str) -> bytes:
        content = (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            f'<table:table table:name="DS">{body}</table:table></office:spreadsheet></office:body>'
            "</office:document-content>"
        )
        return _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})

    def ods_cell(text: str, repeat: int = 1) -> str:
        return (f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string">'
                f"<text:p>{text}</text:p></table:table-cell>")  # fmt: skip

    ods_header = "<table:table-row>" + "".join(ods_cell(h) for h in HEADER_ROW) + "</table:table-row>"
    cases: dict[str, Callable[[], bytes]] = {
        f"parquet-truncated-{i}.parquet": (lambda i=i: (lambda d: d[: len(d) * i // 8])(parquet())) for i in range(1, 8)
    }  # fmt: skip
    cases |= {
        "parquet-garbage.parquet": lambda: b"PAR1" + random.Random(3).randbytes(2000),
        "parquet-good.parquet": parquet,
        "ods-good.ods": lambda: ods(ods_header),
        "ods-repeated-columns.ods": lambda: ods(ods_header + "<table:table-row>" + ods_cell("x", 16384) + "</table:table-row>"),
        "ods-repeated-rows.ods": lambda: ods(
            ods_header + '<table:table-row table:number-rows-repeated="1048575">' + ods_cell("x") + "</table:table-row>"
        ),
        "ods-repeated-both.ods": lambda: ods(
            ods_header + '<table:table-row table:number-rows-repeated="1000000">' + ods_cell("x", 16384) + "</table:table-row>"
        ),
        "ods-doctype.ods": lambda: _zip({"content.xml": _LAUGHS + "<a>&lol4;</a>"}),
        "xls-garbage.xls": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(5).randbytes(4096),
        "xls-header-only.xls": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "xlsx-renamed-csv.xlsx": lambda: b"Ma,Ho\n1,2\n",
        "empty.xlsx": lambda: b"",
    }  # fmt: skip
    return cases


def corpus() -> dict[str, Callable[[], bytes]]:
    """Every malformed file of the corpus: its name (whose suffix is its claimed format) and its maker."""
    cases: dict[str, Callable[[], bytes]] = {}
    for part in (
        _far_cells,
        _dimensions,
        _wide,
        _deep,
        _strings,
        _xml,
        _packaging,
        _damaged_copies,
        _csv,
        _others,
    ):
        cases |= part()
    return cases


def main(target: str) -> None:
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in corpus().items():
        (folder / name).write_bytes(make())
    print(f"{len(corpus())} files in {folder}")


if __name__ == "__main__":
    main(sys.argv[1])
