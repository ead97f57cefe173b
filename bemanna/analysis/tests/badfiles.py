"""Broken HR extracts, one per kind of bad input, shared by engine and import tests."""

import io
import struct
import zipfile

H = (
    "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Anställningsform;Sysselsättningsgrad;"
    "Startdatum;Slutdatum;Avgångsorsak\n"
)
GOOD = "1001;1970;K;A;222101;Sjuksköterska;Tillsvidare;100;2015-03-01;;\n"


def csv(*rows: str, header: str = H) -> bytes:
    return (header + "".join(rows)).encode("utf-8")


def _xlsx_with(parts: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    # 300 MB of zeros packs to a few hundred kB: far beyond any real extract's ratio.
    return _xlsx_with(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * 300_000_000,
        }
    )


def lying_zip_bomb() -> bytes:
    """The zip bomb with its sheet declaring 1 kB unpacked, in the local header and the
    central directory alike: a check of the declared sizes alone lets it through."""
    data = bytearray(zip_bomb())
    member = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, member.header_offset + 22, 1000)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, central + 24, 1000)
        central = data.find(b"PK\x01\x02", central + 4)
    declared = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    assert declared.file_size == 1000  # the lie is in place
    return bytes(data)


def xml_bomb() -> bytes:
    lol = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<workbook>&lol2;</workbook>"
    )
    return _xlsx_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": lol})


def xml_bomb_in_sheet() -> bytes:
    # A long comment pushes the DTD past any fixed-size peek at the head of the part.
    sheet = (
        b'<?xml version="1.0"?>\n<!--' + b" ".join(b"%d" % i for i in range(20_000)) + b"-->\n"
        b'<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<worksheet><sheetData>&b;</sheetData></worksheet>"
    )
    return _xlsx_with(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


# name -> (bytes, filename, [(row, column, code)])  — every issue the file must produce
BAD = {
    "wrong encoding": ((H + GOOD).encode("utf-16"), "hr.csv", [(None, None, "encoding")]),
    "missing column": (
        csv(
            "1001;1970;K;A;222101;Sjuksköterska;Tillsvidare;100;;\n",
            header=H.replace(";Startdatum", ""),
        ),
        "hr.csv",
        [(1, "Startdatum", "missing_column")],
    ),
    "unknown header": (
        csv(GOOD.replace(";;\n", ";;x\n"), header=H.replace("\n", ";Skostorlek\n")),
        "hr.csv",
        [(1, "Skostorlek", "unknown_header")],
    ),
    "empty file": (b"", "hr.csv", [(None, None, "empty_file")]),
    "header only": (csv(), "hr.csv", [(None, None, "no_rows")]),
    "bad date": (
        csv(GOOD.replace("2015-03-01", "2015-13-45")),
        "hr.csv",
        [(2, "Startdatum", "bad_date")],
    ),
    "end before start": (
        csv(GOOD.replace(";;\n", ";2014-01-01;Pension\n")),
        "hr.csv",
        [(2, "Slutdatum", "end_before_start")],
    ),
    "rate above 100": (
        csv(GOOD.replace(";100;", ";120;")),
        "hr.csv",
        [(2, "Sysselsättningsgrad", "rate_range")],
    ),
    "rate below 0": (
        csv(GOOD.replace(";100;", ";-5;")),
        "hr.csv",
        [(2, "Sysselsättningsgrad", "rate_range")],
    ),
    "rate not a number": (
        csv(GOOD.replace(";100;", ";heltid;")),
        "hr.csv",
        [(2, "Sysselsättningsgrad", "bad_number")],
    ),
    "bad personnummer checksum": (
        csv(
            "19811218-9875;A;222101;Sjuksköterska;Tillsvidare;100;2015-03-01;;\n",
            header="Personnummer;Enhet;AID;Befattning;Anställningsform;Sysselsättningsgrad;"
            "Startdatum;Slutdatum;Avgångsorsak\n",
        ),
        "hr.csv",
        [(2, "Personnummer", "pnr_checksum")],
    ),
    "unknown unit code": (
        csv(GOOD.replace(";A;", ";ZZ9;")),
        "hr.csv",
        [(2, "Enhet", "unknown_unit")],
    ),
    "overlapping employments over 100 %": (
        csv(GOOD, "1001;1970;K;A;532101;Undersköterska;Visstid;50;2016-01-01;;\n"),
        "hr.csv",
        [(3, "Sysselsättningsgrad", "overlap")],
    ),
    "duplicate rows": (csv(GOOD, GOOD), "hr.csv", [(3, None, "duplicate_row")]),
    "formula in a text cell": (
        csv(GOOD.replace("Sjuksköterska", '=cmd|" /C calc"!A0')),
        "hr.csv",
        [(2, "Befattning", "formula")],
    ),
    "zip bomb": (zip_bomb(), "hr.xlsx", [(None, None, "zip_bomb")]),
    "zip bomb that lies about its sizes": (
        lying_zip_bomb(),
        "hr.xlsx",
        [(None, None, "zip_bomb")],
    ),
    "xml bomb": (xml_bomb(), "hr.xlsx", [(None, None, "xml_bomb")]),
    "xml bomb deep in a sheet": (xml_bomb_in_sheet(), "hr.xlsx", [(None, None, "xml_bomb")]),
    "not a workbook": (b"PK\x03\x04 this is not a zip", "hr.xlsx", [(None, None, "not_xlsx")]),
    "bad sex": (csv(GOOD.replace(";K;", ";Q;")), "hr.csv", [(2, "Kön", "bad_sex")]),
    # An end reason it does not know is "other"; without an end date it is still refused.
    "unknown end reason without an end date": (
        csv(GOOD.replace(";;\n", ";;Annat jobb\n")),
        "hr.csv",
        [(2, "Avgångsorsak", "reason_without_end")],
    ),
    "bad employment form": (
        csv(GOOD.replace("Tillsvidare", "Sommarjobb")),
        "hr.csv",
        [(2, "Anställningsform", "bad_form")],
    ),
}
