"""Read and validate an HR extract (one row per employment) into a polars frame.

The reader accepts CSV (`;`, `,` or tab; UTF-8, UTF-8 with BOM or Windows-1252; decimal comma)
and XLSX, with Swedish or English headers. It either returns a clean frame or every problem
it found, each naming file, row, column, value and reason. A personnummer is turned into birth
year, sex and a keyed pseudonym here and goes no further: not into the frame, and not into an
issue (issues about a personnummer name the row, never the number).

Example:
    >>> import datetime, io
    >>> csv = (
    ...     "Anst.nr;Födelseår;Kön;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;"
    ...     "Startdatum\\n"
    ...     "1001;1970;K;E1;Sjuksköterska;Tillsvidare;75,5;2015-03-01\\n"
    ... ).encode()
    >>> result = read_extract(io.BytesIO(csv), filename="hr.csv", pseudonym_key=b"k",
    ...                       today=datetime.date(2026, 1, 1))
    >>> result.ok, result.frame["rate"].to_list(), result.frame["form"].to_list()
    (True, [75.5], ['permanent'])
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import defusedxml
import defusedxml.ElementTree as defused
import polars as pl

from bemanna.analysis import personnummer, professions

MAX_ISSUES = 10_000
# One @, no spaces, a dot in the domain: what a mail server will take, without pretending more.
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$"
# An XLSX is a zip; refuse one that would unpack to more than this, or compresses
# suspiciously well (a zip bomb), before anything unpacks it.
MAX_UNPACKED_BYTES = 1_000_000_000
MAX_COMPRESSION_RATIO = 200

# Canonical column -> accepted headers (normalised: lower case, no spaces or punctuation).
COLUMNS: dict[str, tuple[str, ...]] = {
    "employment_id": ("anställningsid", "anstid", "employmentid", "anställningsnr"),
    "personnummer": ("personnummer", "pnr", "personnr", "personalidentitynumber", "ssn"),
    "employee_number": (
        "anstnr",
        "anställningsnummer",
        "medarbetarnummer",
        "employeenumber",
        "employeeid",
        "anstnummer",
        "personalnummer",
    ),
    "birth_year": ("födelseår", "födelseår", "birthyear", "fodelsear"),
    "sex": ("kön", "sex", "gender", "kon"),
    "unit_code": (
        "enhet",
        "enhetskod",
        "kostnadsställe",
        "kst",
        "unit",
        "unitcode",
        "organisationsenhet",
        "orgenhet",
    ),
    "unit_name": ("enhetsnamn", "unitname", "kostnadsställenamn"),
    "profession_code": ("aid", "aidkod", "befattningskod", "yrkeskod", "professioncode"),
    "profession_name": ("befattning", "yrke", "yrkesbenämning", "profession", "professionname"),
    "skr_group": ("yrkesgrupp", "skryrkesgrupp", "professiongroup", "skrgroup"),
    "form": ("anställningsform", "anstform", "employmentform", "form"),
    "rate": (
        "sysselsättningsgrad",
        "sysselsättning",
        "syssgrad",
        "tjänstgöringsgrad",
        "employmentrate",
        "rate",
    ),
    "start": ("anställningsdatum", "startdatum", "från", "from", "startdate", "start"),
    "end": ("slutdatum", "tom", "till", "enddate", "end", "avgångsdatum"),
    "end_reason": ("avgångsorsak", "slutorsak", "endreason", "reason"),
    "email": ("epost", "epostadress", "mejl", "mejladress", "email", "emailaddress", "mail"),
}
REQUIRED = ("unit_code", "form", "rate", "start")
DISPLAY = {  # how a column is named in messages, by its first Swedish synonym
    "employment_id": "Anställnings-ID",
    "personnummer": "Personnummer",
    "employee_number": "Anst.nr",
    "birth_year": "Födelseår",
    "sex": "Kön",
    "unit_code": "Enhet",
    "unit_name": "Enhetsnamn",
    "profession_code": "AID",
    "profession_name": "Befattning",
    "skr_group": "Yrkesgrupp",
    "form": "Anställningsform",
    "rate": "Sysselsättningsgrad",
    "start": "Startdatum",
    "end": "Slutdatum",
    "end_reason": "Avgångsorsak",
    "email": "E-post",
}

FORMS = {
    "permanent": ("tillsvidare", "tillsvidareanställning", "tv", "permanent", "tills"),
    "fixed_term": (
        "visstid",
        "visstidsanställning",
        "vikariat",
        "vikarie",
        "allmänvisstid",
        "särskildvisstid",
        "avtaladvisstid",
        "fixedterm",
        "temporary",
        "provanställning",
    ),
    "hourly": ("timavlönad", "timanställd", "tim", "timavlönade", "hourly"),
}
END_REASONS = {
    "own_request": ("egenbegäran", "egenuppsägning", "ownrequest", "resignation"),
    "retirement": ("pension", "ålderspension", "retirement"),
    # Disability pension is no retirement: it can come at any age, and the forecast counts
    # it as other attrition (retirement hazards start at 55).
    "disability_pension": (
        "sjukersättning",
        "aktivitetsersättning",
        "sjukpension",
        "förtidspension",
        "disabilitypension",
    ),
    "dismissal": ("uppsägning", "uppsägningfrånarbetsgivaren", "arbetsbrist", "dismissal"),
    "death": ("dödsfall", "avliden", "death"),
    "fixed_term_ended": (
        "visstidupphör",
        "visstidsanställningupphör",
        "vikariatupphör",
        "fixedtermended",
    ),
    "other": ("övrigt", "annan", "annat", "other"),
}
SEXES = {"K": ("k", "kvinna", "f", "female", "woman", "w"), "M": ("m", "man", "male")}


@dataclass(frozen=True)
class Issue:
    """One problem in an extract. `row` is the spreadsheet row (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        """English text of the reason; the web app translates `code` itself."""
        return MESSAGES[self.code].format(**self.params)


def gettext_noop(text: str) -> str:
    """Mark a message for translation without translating it (the web app translates)."""
    return text


MESSAGES = {
    "empty_file": gettext_noop("The file is empty."),
    "no_rows": gettext_noop("The file has a header but no data rows."),
    "too_large": gettext_noop("The file is larger than {limit} MB."),
    "encoding": gettext_noop(
        "The file is not text in UTF-8 or Windows-1252 (it looks like {guess})."
    ),
    "not_xlsx": gettext_noop("The file is not a valid XLSX workbook."),
    "zip_bomb": gettext_noop(
        "The workbook would unpack to {size} MB; refused as a possible zip bomb."
    ),
    "xml_bomb": gettext_noop(
        "The workbook contains XML entity declarations; refused as a possible XML bomb."
    ),
    "csv_malformed": gettext_noop("The CSV file cannot be read: {detail}"),
    "unknown_format": gettext_noop("Unknown file type; use .csv or .xlsx."),
    "unknown_header": gettext_noop("Unknown column. Known columns: {known}."),
    "duplicate_header": gettext_noop("The column appears twice."),
    "missing_column": gettext_noop("Required column is missing."),
    "missing_person_column": gettext_noop(
        "Either Personnummer or Anst.nr (employee number) is required."
    ),
    "missing_profession_column": gettext_noop(
        "Either AID (profession code) or Befattning is required."
    ),
    "missing_birth_columns": gettext_noop(
        "Without Personnummer the columns Födelseår and Kön are required."
    ),
    "required": gettext_noop("A value is required."),
    "profession_required": gettext_noop(
        "Both AID and Befattning are empty; one of them is required."
    ),
    "formula": gettext_noop(
        "Text starting with =, +, -, @ would run as a formula in a spreadsheet."
    ),
    "bad_date": gettext_noop("Not a date; write it as YYYY-MM-DD."),
    "end_before_start": gettext_noop("The end date is before the start date {start}."),
    "bad_number": gettext_noop("Not a number."),
    "rate_range": gettext_noop("The employment rate must be between 0 and 100."),
    "bad_year": gettext_noop("Birth year must be a year between {low} and {high}."),
    "bad_projection_year": gettext_noop("The year must be between {low} and {high}."),
    "bad_sex": gettext_noop("Sex must be K (kvinna) or M (man)."),
    "bad_email": gettext_noop("Not an e-mail address (name@example.se)."),
    "bad_form": gettext_noop("Unknown employment form; use one of: {accepted}."),
    "reason_without_end": gettext_noop("An end reason is given without an end date."),
    "pnr_format": gettext_noop("Not a personnummer (expected YYYYMMDD-NNNN or YYMMDD-NNNN)."),
    "pnr_date": gettext_noop("The personnummer does not contain a valid date."),
    "pnr_checksum": gettext_noop("The personnummer check digit is wrong."),
    "unknown_unit": gettext_noop(
        "Unknown unit code; import the unit tree first or correct the code."
    ),
    "duplicate_row": gettext_noop("The same row appears earlier, on row {first}."),
    "duplicate_id": gettext_noop("The same employment ID appears earlier, on row {first}."),
    "unit_cycle": gettext_noop("The unit is its own ancestor (a cycle through {codes})."),
    "unknown_parent": gettext_noop("Unknown parent unit code."),
    "bad_level": gettext_noop(
        "Unknown level; use one of: region, förvaltning, område, verksamhet, enhet."
    ),
    "unknown_manager": gettext_noop("No user with this user name."),
    "not_a_manager": gettext_noop(
        "The user {user} has the role {role}, not Manager; give them the role Manager in "
        "Administration › Users, or leave Chef empty and import again later."
    ),
    "duplicate_code": gettext_noop("The same unit code appears earlier, on row {first}."),
    "bad_age_group": gettext_noop(
        "Unknown age group; use 0–19, 20–64, 65–79, 80+ or single ages (0, 1, … 100+)."
    ),
    "missing_age_groups": gettext_noop("The year {year} lacks these age groups."),
    "overlap": gettext_noop(
        "The person's employments active on {date} add up to {total} %, more than 100 %"
        " (rows {rows})."
    ),
}


@dataclass(frozen=True)
class ExtractResult:
    filename: str
    frame: pl.DataFrame | None
    issues: tuple[Issue, ...]
    rows: int

    @property
    def ok(self) -> bool:
        return not self.issues and self.frame is not None


class _Refused(Exception):
    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.code)
        self.issue = issue


def normalise_header(text: str) -> str:
    """Lower-case a header and drop spaces and punctuation.

    Examples:
        >>> normalise_header(" Anst.nr ")
        'anstnr'
        >>> normalise_header("Syss.grad (%)")
        'syssgrad'
    """
    return re.sub(r"[\s.\-_/()%:]+", "", text.strip().lower())


def _synonyms(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise_header(word): key for key, words in table.items() for word in words}


_FORM_LOOKUP = _synonyms(FORMS)
_REASON_LOOKUP = _synonyms(END_REASONS)
_SEX_LOOKUP = _synonyms(SEXES)


def read_extract(
    source: str | Path | IO[bytes],
    *,
    pseudonym_key: bytes,
    filename: str | None = None,
    known_units: Iterable[str] | None = None,
    today: datetime.date | None = None,
    max_bytes: int | None = None,
    group_overrides: Mapping[str, str] | None = None,
) -> ExtractResult:
    """Read an HR extract; return a validated frame or the complete list of issues.
    `group_overrides`: code → SKR group rows HR set on top of the shipped table."""
    name = filename or (Path(source).name if isinstance(source, str | Path) else "upload")
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    today = today or datetime.date.today()
    try:
        raw = read_table(data, name, max_bytes=max_bytes)
    except _Refused as refused:
        return ExtractResult(name, None, (refused.issue,), 0)
    return _validate(raw, name, pseudonym_key, known_units, today, group_overrides)


def read_table(data: bytes, name: str, *, max_bytes: int | None = None) -> pl.DataFrame:
    """Read CSV or XLSX bytes into an all-string frame (header names as in the file)."""
    if not data.strip():
        raise _Refused(Issue(name, None, None, None, "empty_file"))
    if max_bytes is not None and len(data) > max_bytes:
        raise _Refused(Issue(name, None, None, None, "too_large", {"limit": max_bytes >> 20}))
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name)
    if name.lower().endswith((".xls", ".ods")):
        raise _Refused(Issue(name, None, None, None, "unknown_format"))
    return _read_csv(data, name)


_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise _Refused(
            Issue(name, None, None, None, "encoding", {"guess": gettext_noop("UTF-16 or binary")})
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _Refused(
            Issue(
                name, None, None, None, "encoding", {"guess": gettext_noop("an unknown encoding")}
            )
        ) from None
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        raise _Refused(
            Issue(name, None, None, None, "encoding", {"guess": gettext_noop("binary data")})
        )
    return text


def _read_csv(data: bytes, name: str) -> pl.DataFrame:
    text = _decode(data, name)
    header_line = text.split("\n", 1)[0]
    separator = max((";", ",", "\t"), key=header_line.count)
    try:
        frame = pl.read_csv(
            text.encode("utf-8"),
            separator=separator,
            infer_schema=False,
            truncate_ragged_lines=False,
            raise_if_empty=True,
        )
    except (pl.exceptions.PolarsError, csv.Error) as error:
        detail = str(error).splitlines()[0][:200]
        raise _Refused(Issue(name, None, None, None, "csv_malformed", {"detail": detail})) from None
    return frame


_PARSED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "_rels/.rels")


def _check_zip(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _Refused(Issue(name, None, None, None, "not_xlsx")) from None
    total = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    if total > MAX_UNPACKED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise _Refused(Issue(name, None, None, None, "zip_bomb", {"size": total >> 20}))
    # The sizes above are what the archive says about itself; a crafted one can declare a
    # few kB for a part that unpacks to gigabytes. Unpack every part as a stream, counting
    # what actually comes out against the same limits, before any reader sees the file.
    budget = min(MAX_UNPACKED_BYTES, MAX_COMPRESSION_RATIO * packed)
    for member in members:
        unpacked = _unpacked_size(data, member, budget)
        if unpacked is None:
            raise _Refused(Issue(name, None, None, None, "zip_bomb", {"size": budget >> 20}))
        if unpacked != member.file_size:
            raise _Refused(Issue(name, None, None, None, "not_xlsx"))
        budget -= unpacked
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _Refused(Issue(name, None, None, None, "not_xlsx"))
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        # A DTD can only stand in the prolog, before the first element: scan up to there.
        # The small parts are also parsed whole by defusedxml, which refuses DTDs outright.
        if _prolog_declares_dtd(archive, member):
            raise _Refused(Issue(name, None, None, None, "xml_bomb"))
        if member.file_size <= 1_000_000 and member.filename in _PARSED_PARTS:
            try:
                defused.fromstring(archive.read(member), forbid_dtd=True)
            except defusedxml.DefusedXmlException:
                raise _Refused(Issue(name, None, None, None, "xml_bomb")) from None
            except defused.ParseError:
                raise _Refused(Issue(name, None, None, None, "not_xlsx")) from None


def _unpacked_size(data: bytes, member: zipfile.ZipInfo, budget: int) -> int | None:
    """How many bytes a part really unpacks to, or None once that passes `budget`.

    Reads the part's own compressed stream (from its local header, bounded by its compressed
    size) and inflates it a chunk at a time without keeping the output."""
    header = data[member.header_offset : member.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return -1  # not where the directory says: not a workbook
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = member.header_offset + 30 + name_length + extra_length
    stream = data[start : start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        return len(stream) if len(stream) <= budget else None
    if member.compress_type != zipfile.ZIP_DEFLATED:
        return -1
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    try:
        for offset in range(0, len(stream), 65_536):
            chunk = inflate.decompress(stream[offset : offset + 65_536], 1 << 20)
            size += len(chunk)
            while inflate.unconsumed_tail:
                if size > budget:
                    return None
                chunk = inflate.decompress(inflate.unconsumed_tail, 1 << 20)
                size += len(chunk)
            if size > budget:
                return None
        size += len(inflate.flush())
    except zlib.error:
        return -1
    return size if size <= budget else None


_ELEMENT_START = re.compile(rb"<[A-Za-z_]")


def _prolog_declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """True when the part declares a DOCTYPE or ENTITY before its first element."""
    seen = b""
    with archive.open(member) as handle:
        while len(seen) < 1_000_000:
            chunk = handle.read(65_536)
            if not chunk:
                break
            seen += chunk
            found = _ELEMENT_START.search(seen)
            if found:
                seen = seen[: found.start()]
                break
    upper = seen.upper()
    return b"<!DOCTYPE" in upper or b"<!ENTITY" in upper


def _read_xlsx(data: bytes, name: str) -> pl.DataFrame:
    import fastexcel

    _check_zip(data, name)
    try:
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(0, dtypes="string")
        frame = sheet.to_polars()
    except Exception:  # calamine raises several error types for a broken workbook
        raise _Refused(Issue(name, None, None, None, "not_xlsx")) from None
    if frame.width == 0:
        raise _Refused(Issue(name, None, None, None, "empty_file"))
    return frame


class _Collector:
    def __init__(self, name: str, display: dict[str, str] | None = None) -> None:
        self.name = name
        self.display = DISPLAY if display is None else display
        self.issues: list[Issue] = []
        self._pending: list[tuple[pl.Expr, str | None, str, bool, dict[str, Any]]] = []

    def add(
        self, row: int | None, column: str | None, value: str | None, code: str, **params: Any
    ) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(self.name, row, column, value, code, params))

    def map_headers(
        self, headers: list[str], columns: dict[str, tuple[str, ...]]
    ) -> dict[str, str]:
        """Each header → its canonical column; unknown and repeated headers are issues."""
        lookup = _synonyms(columns)
        mapping: dict[str, str] = {}
        for header in headers:
            canonical = lookup.get(normalise_header(header))
            if canonical is None:
                known = ", ".join(self.display.get(c, c) for c in columns)
                self.add(1, header, None, "unknown_header", known=known)
            elif canonical in mapping.values():
                self.add(1, header, None, "duplicate_header")
            else:
                mapping[header] = canonical
        return mapping

    def check(
        self,
        mask: pl.Expr,
        column: str | None,
        code: str,
        *,
        show_value: bool = True,
        **params: Any,
    ) -> None:
        """Queue a row check; `flush` evaluates every queued mask in one pass."""
        self._pending.append((mask, column, code, show_value, params))

    def flush(self, frame: pl.DataFrame) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        flags = frame.select(
            [mask.fill_null(False).alias(f"_check{i}") for i, (mask, *_r) in enumerate(pending)]
        )
        counts = flags.sum().row(0)
        for index, (_mask, column, code, show_value, params) in enumerate(pending):
            if not counts[index]:
                continue
            hits = frame.filter(flags[f"_check{index}"])
            values = hits[column].to_list() if column and show_value else [None] * hits.height
            label = self.display.get(column, column) if column else None
            for row, value in zip(hits["_row"].to_list(), values, strict=True):
                self.add(row, label, value, code, **params)


def _lookup(frame: pl.DataFrame, column: str, table: dict[str, str]) -> pl.Expr:
    """Map free-text values onto canonical codes, normalising each distinct value once."""
    distinct = frame[column].drop_nulls().unique().to_list()
    mapping = {value: table.get(normalise_header(value)) for value in distinct}
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String)


def cells(raw: pl.DataFrame, mapping: dict[str, str]) -> pl.DataFrame:
    """The mapped columns under their canonical names, trimmed, empty as null, with `_row`
    (the spreadsheet row: the header is row 1)."""
    return raw.select(
        [pl.col(h).str.strip_chars().replace("", None).alias(c) for h, c in mapping.items()]
    ).with_row_index("_row", offset=2)


def parse_number(column: str) -> pl.Expr:
    """A number as Swedes write it (decimal comma, maybe a % sign); null when it is none."""
    return (
        pl.col(column)
        .str.replace(",", ".")
        .str.replace("%", "")
        .str.strip_chars()
        .cast(pl.Float64, strict=False)
    )


def _parse_date(frame: pl.DataFrame, column: str) -> pl.Expr:
    """ISO dates (with or without a time, as from Excel), or YYYYMMDD."""
    value = pl.col(column)
    iso = value.str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    if not frame[column].str.len_chars().eq(8).any():
        return iso
    compact = value.str.strptime(pl.Date, "%Y%m%d", strict=False)
    return pl.when(value.str.len_chars() == 8).then(compact).otherwise(iso)


def _validate(
    raw: pl.DataFrame,
    name: str,
    key: bytes,
    known_units: Iterable[str] | None,
    today: datetime.date,
    group_overrides: Mapping[str, str] | None = None,
) -> ExtractResult:
    out = _Collector(name)
    mapping = out.map_headers(raw.columns, COLUMNS)
    present = set(mapping.values())
    for column in REQUIRED:
        if column not in present:
            out.add(1, DISPLAY[column], None, "missing_column")
    if not present & {"personnummer", "employee_number"}:
        out.add(1, None, None, "missing_person_column")
    if not present & {"profession_code", "profession_name"}:
        out.add(1, None, None, "missing_profession_column")
    if "personnummer" not in present and not {"birth_year", "sex"} <= present:
        out.add(1, None, None, "missing_birth_columns")
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), raw.height)
    if raw.height == 0:
        return ExtractResult(name, None, (Issue(name, None, None, None, "no_rows"),), 0)

    frame = cells(raw, mapping)
    for column in COLUMNS:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))
    rows = frame.height

    # Formula injection: refuse text that a spreadsheet would execute.
    # A leading + or - is allowed before a number only.
    for column in sorted(present, key=list(COLUMNS).index):
        pattern = r"^[=@+\-]" if column == "personnummer" else r"^[=@\t\r]|^[+\-].*[^\d\s.,]"
        out.check(
            pl.col(column).str.contains(pattern),
            column,
            "formula",
            show_value=column != "personnummer",
        )

    person_column = "personnummer" if "personnummer" in present else "employee_number"
    distinct = frame[person_column].drop_nulls().unique().to_list()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending_ids = pool.submit(identities, distinct, person_column, key, today.year)
        result = _validate_rows(
            frame, raw, present, person_column, pending_ids, name, rows, known_units, today, out
        )
    if result.frame is None:
        return result
    frame = _number_aliases(result.frame, person_column, present, key)
    # A code the extract gives no Yrkesgrupp for gets its group from HR's rows, then the
    # shipped table.
    return ExtractResult(name, professions.with_groups(frame, group_overrides), (), result.rows)


def _number_aliases(
    frame: pl.DataFrame, person_column: str, present: set[str], key: bytes
) -> pl.DataFrame:
    """The frame with `number_alias`, the keyed pseudonym of the row's Anst.nr when the
    extract gives it beside the personnummer (else null), and without the number itself:
    the health files may name a person by either. A number given to two people names
    neither."""
    alias = pl.lit(None, dtype=pl.String)
    if person_column == "personnummer" and "employee_number" in present:
        owners = (
            frame.filter(pl.col("employee_number").is_not_null())
            .group_by("employee_number")
            .agg(pl.col("person").n_unique().alias("owners"))
        )
        values = owners.filter(pl.col("owners") == 1)["employee_number"].to_list()
        hashed = dict(zip(values, personnummer.pseudonyms(key, "anstnr", values), strict=True))
        alias = pl.col("employee_number").replace_strict(
            hashed, default=None, return_dtype=pl.String
        )
    return frame.with_columns(alias.alias("number_alias")).drop("employee_number")


def _validate_rows(
    frame: pl.DataFrame,
    raw: pl.DataFrame,
    present: set[str],
    person_column: str,
    known: Future[pl.DataFrame],
    name: str,
    rows: int,
    known_units: Iterable[str] | None,
    today: datetime.date,
    out: _Collector,
) -> ExtractResult:
    needed = [*REQUIRED, person_column]
    if person_column == "employee_number":
        needed += ["birth_year", "sex"]
    form = _lookup(frame, "form", _FORM_LOOKUP)
    for column in needed:
        mask = pl.col(column).is_null()
        if column == "rate":
            mask = mask & (form != "hourly").fill_null(True)
        out.check(mask, column, "required", show_value=False)
    if "profession_code" in present and "profession_name" in present:
        # Either may be empty, not both: the issue names both columns.
        both = f"{DISPLAY['profession_code']}, {DISPLAY['profession_name']}"
        missing = pl.col("profession_code").is_null() & pl.col("profession_name").is_null()
        for row in frame.filter(missing)["_row"].to_list():
            out.add(row, both, None, "profession_required")
    else:
        label = "profession_code" if "profession_code" in present else "profession_name"
        out.check(pl.col(label).is_null(), label, "required", show_value=False)
    out.flush(frame)

    frame = frame.with_columns(
        _parse_date(frame, "start").alias("start_date"),
        _parse_date(frame, "end").alias("end_date"),
        parse_number("rate").alias("rate_value"),
        form.alias("form_value"),
        _lookup(frame, "end_reason", _REASON_LOOKUP).alias("reason_value"),
    )
    # A reason the reader does not know is "other" (Övrigt), as a missing one is to the
    # forecast: the row is still a departure. The text is kept for the import to list it,
    # with any run of six or more digits masked: a column mixed up in the HR system would
    # otherwise store a personnummer with the import batch.
    unknown = pl.col("end_reason").is_not_null() & pl.col("reason_value").is_null()
    frame = frame.with_columns(
        pl.when(unknown)
        .then(pl.col("end_reason").str.replace_all(DIGIT_RUN, "###"))
        .alias("unknown_end_reason"),
        pl.when(unknown)
        .then(pl.lit("other"))
        .otherwise(pl.col("reason_value"))
        .alias("reason_value"),
    )
    for column in ("start", "end"):
        bad = pl.col(column).is_not_null() & pl.col(f"{column}_date").is_null()
        out.check(bad, column, "bad_date")
    out.flush(frame)
    backwards = frame.filter((pl.col("end_date") < pl.col("start_date")).fill_null(False))
    for row, value, start in backwards.select("_row", "end", "start_date").iter_rows():
        out.add(row, DISPLAY["end"], value, "end_before_start", start=start.isoformat())
    out.check(pl.col("rate").is_not_null() & pl.col("rate_value").is_null(), "rate", "bad_number")
    out.check(
        ((pl.col("rate_value") < 0) | (pl.col("rate_value") > 100)).fill_null(False),
        "rate",
        "rate_range",
    )
    accepted_forms = "tillsvidare, visstid, timavlönad"
    out.check(
        pl.col("form").is_not_null() & pl.col("form_value").is_null(),
        "form",
        "bad_form",
        accepted=accepted_forms,
    )
    out.check(
        pl.col("email").is_not_null() & ~pl.col("email").str.contains(EMAIL_PATTERN),
        "email",
        "bad_email",
    )
    out.check(
        pl.col("end_reason").is_not_null() & pl.col("end").is_null(),
        "end_reason",
        "reason_without_end",
    )

    out.flush(frame)
    frame = _identify_people(frame, person_column, known.result(), today, out)

    if known_units is not None:
        known_codes = pl.Series(list(known_units), dtype=pl.String).implode()
        out.check(
            pl.col("unit_code").is_not_null() & ~pl.col("unit_code").is_in(known_codes),
            "unit_code",
            "unknown_unit",
        )
        out.flush(frame)

    _check_duplicates(frame, raw, out)
    if not out.issues:
        _check_overlaps(frame, out)
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), rows)
    return ExtractResult(name, _finish(frame), (), rows)


def identities(values: list[str], kind: str, key: bytes, reference_year: int) -> pl.DataFrame:
    """One row per distinct identifier: raw, person (pseudonym), birth year, sex, error.

    For employee numbers only the pseudonym is known; a personnummer also gives birth year
    and sex, or an error code ('format', 'date', 'checksum'). Runs in a thread while the rest
    of the file is checked: the keyed hashing is the one part of an import in Python.
    """
    if kind == "employee_number":
        return pl.DataFrame(
            {
                "raw": pl.Series(values, dtype=pl.String),
                "person": pl.Series(
                    personnummer.pseudonyms(key, "anstnr", values), dtype=pl.String
                ),
                "born": pl.Series([None] * len(values), dtype=pl.Int32),
                "sex_from_id": pl.Series([None] * len(values), dtype=pl.String),
                "id_error": pl.Series([None] * len(values), dtype=pl.String),
            }
        )
    parsed: list[tuple[int | None, str | None, str | None, str | None]] = []
    for value in values:
        try:
            year, sex, canonical = personnummer.parse(value, reference_year=reference_year)
            parsed.append((year, sex, canonical, None))
        except personnummer.PersonnummerError as error:
            parsed.append((None, None, None, error.code))
    canonicals = [p[2] for p in parsed if p[2] is not None]
    hashed = iter(personnummer.pseudonyms(key, "pnr", canonicals))
    return pl.DataFrame(
        [
            (value, next(hashed) if canonical else None, year, sex, error)
            for value, (year, sex, canonical, error) in zip(values, parsed, strict=True)
        ],
        schema={
            "raw": pl.String,
            "person": pl.String,
            "born": pl.Int32,
            "sex_from_id": pl.String,
            "id_error": pl.String,
        },
        orient="row",
    )


def _identify_people(
    frame: pl.DataFrame,
    person_column: str,
    known: pl.DataFrame,
    today: datetime.date,
    out: _Collector,
) -> pl.DataFrame:
    """Join the identities computed for the distinct identifiers back onto the rows."""
    low, high = 1900, today.year - 14
    frame = frame.join(
        known, left_on=person_column, right_on="raw", how="left", maintain_order="left"
    )
    if person_column == "personnummer":
        bad = frame.filter(pl.col("id_error").is_not_null()).select("_row", "id_error")
        for row, code in bad.iter_rows():
            # Never echo the number back: the row is enough to find it.
            out.add(row, DISPLAY["personnummer"], None, f"pnr_{code}")
        return frame.with_columns(
            pl.col("born").alias("birth_year_value"), pl.col("sex_from_id").alias("sex_value")
        )
    frame = frame.with_columns(
        pl.col("birth_year").cast(pl.Int32, strict=False).alias("birth_year_value"),
        _lookup(frame, "sex", _SEX_LOOKUP).alias("sex_value"),
    )
    out.check(
        pl.col("birth_year").is_not_null()
        & ~pl.col("birth_year_value").is_between(low, high).fill_null(False),
        "birth_year",
        "bad_year",
        low=low,
        high=high,
    )
    out.check(pl.col("sex").is_not_null() & pl.col("sex_value").is_null(), "sex", "bad_sex")
    out.flush(frame)
    return frame


def _check_duplicates(frame: pl.DataFrame, raw: pl.DataFrame, out: _Collector) -> None:
    hashed = raw.hash_rows(seed=7)
    rows = frame.select("_row").with_columns(hashed.alias("_hash"))
    first = rows.group_by("_hash").agg(pl.col("_row").min().alias("_first"))
    repeats = rows.join(first, on="_hash").filter(pl.col("_row") != pl.col("_first"))
    for row, first_row in repeats.sort("_row").select("_row", "_first").iter_rows():
        # A 64-bit hash can collide; compare the rows themselves before saying so.
        if raw.row(row - 2) == raw.row(first_row - 2):
            out.add(row, None, None, "duplicate_row", first=first_row)
    if frame["employment_id"].null_count() < frame.height:
        ids = frame.filter(pl.col("employment_id").is_not_null()).select("_row", "employment_id")
        firsts = ids.group_by("employment_id").agg(pl.col("_row").min().alias("_first"))
        clashes = ids.join(firsts, on="employment_id").filter(pl.col("_row") != pl.col("_first"))
        duplicate_rows = {row for row, _ in repeats.select("_row", "_first").iter_rows()}
        for row, value, first_row in clashes.sort("_row").iter_rows():
            if row not in duplicate_rows:
                out.add(row, DISPLAY["employment_id"], value, "duplicate_id", first=first_row)


def _check_overlaps(frame: pl.DataFrame, out: _Collector) -> None:
    """Flag a person whose monthly-paid employments overlap to more than 100 %."""
    # Only people with two or more monthly-paid rows can overlap; finding them on a hash of
    # the pseudonym keeps the common case cheap (a collision only adds a person to check).
    monthly = (
        frame.lazy()
        .filter(pl.col("form_value") != "hourly")
        .select(
            "_row",
            "person",
            "rate_value",
            "start_date",
            pl.col("end_date").fill_null(datetime.date(9999, 12, 31)),
        )
    )
    spells = monthly.filter(pl.col("person").hash(seed=3).is_duplicated()).collect()
    pairs = spells.join(spells, on="person", suffix="_other").filter(
        (pl.col("start_date_other") <= pl.col("start_date"))
        & (pl.col("end_date_other") >= pl.col("start_date"))
    )
    totals = (
        pairs.group_by("_row", "start_date")
        .agg(
            pl.col("rate_value_other").sum().alias("total"),
            pl.col("_row_other").sort().alias("rows"),
        )
        .filter(pl.col("total") > 100.0001)
        .sort("_row")
    )
    for row, start, total, rows in totals.iter_rows():
        out.add(
            row,
            DISPLAY["rate"],
            None,
            "overlap",
            date=start.isoformat(),
            total=f"{total:g}",
            rows=", ".join(str(r) for r in rows),
        )


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    code = pl.coalesce(pl.col("profession_code"), pl.col("profession_name"))
    key = (
        pl.when(pl.col("employment_id").is_not_null())
        .then(pl.col("employment_id"))
        .otherwise(
            pl.concat_str(
                [pl.col("person"), pl.col("unit_code"), code, pl.col("start_date").cast(pl.String)],
                separator="|",
            )
        )
    )
    result = frame.select(
        key.alias("employment_key"),
        pl.col("person"),
        pl.col("birth_year_value").alias("birth_year"),
        pl.col("sex_value").alias("sex"),
        pl.col("unit_code"),
        code.alias("profession_code"),
        pl.coalesce(pl.col("profession_name"), pl.col("profession_code")).alias("profession_name"),
        pl.col("skr_group"),
        pl.col("form_value").alias("form"),
        pl.col("rate_value").fill_null(0.0).alias("rate"),
        pl.col("start_date").alias("start"),
        pl.col("end_date").alias("end"),
        pl.col("reason_value").alias("end_reason"),
        pl.col("unknown_end_reason"),
        pl.col("email").str.to_lowercase().alias("email"),
        pl.col("_row").alias("row"),
        pl.col("employee_number"),  # made a pseudonym or dropped by `_number_aliases`
    )
    return result


# Six or more digits, with the separators a personnummer or a date may have between them.
DIGIT_RUN = r"\d(?:[-+ ]?\d){5,}"


def unknown_reasons(frame: pl.DataFrame) -> pl.DataFrame:
    """The end reasons as the extract wrote them that the reader did not know, each counted
    as "other": value, rows, most rows first.

    Example:
        >>> frame = pl.DataFrame({"unknown_end_reason": ["Annat jobb", None, "Annat jobb"]})
        >>> unknown_reasons(frame).rows()
        [('Annat jobb', 2)]
    """
    return (
        frame.filter(pl.col("unknown_end_reason").is_not_null())
        .group_by(pl.col("unknown_end_reason").alias("value"))
        .agg(pl.len().cast(pl.Int64).alias("rows"))
        .sort(["rows", "value"], descending=[True, False])
    )
