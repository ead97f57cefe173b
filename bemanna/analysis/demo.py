"""Generate Region Demo: a fictional Swedish region with ten years of HR history.

Deterministic by seed. The default (~4,500 employees, ~150 enheter) is the size of a small
Swedish region; it scales to 300,000. People age, retire around 65 (everyone out by 69), leave
for other reasons by age band and profession, and are replaced with a little growth. A new hire
is at risk of leaving from the start day, as real staff are (a hire who leaves the same year is
replaced too), and the region hires to its budget in the last year: `employees` people on
`today` (a few more in the first days of January, before enough have left). The output has the
shape of a region's HR extract: the web app loads it through the real importer.

Example:
    >>> import datetime
    >>> region = build_region(employees=600, seed=3, today=datetime.date(2026, 6, 30))
    >>> active = region.employments.filter(
    ...     (pl.col("Startdatum") <= "2026-06-30")
    ...     & (pl.col("Slutdatum").is_null() | (pl.col("Slutdatum") >= "2026-06-30"))
    ... )
    >>> active.height
    600
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

import numpy as np
import polars as pl

# code, name, SKR profession group, share of women, probability of full time
PROFESSIONS: tuple[tuple[str, str, str, float, float], ...] = (
    ("222101", "Sjuksköterska", "Sjuksköterskor", 0.88, 0.62),
    ("222201", "Specialistsjuksköterska", "Specialistsjuksköterskor", 0.86, 0.70),
    ("222301", "Barnmorska", "Barnmorskor", 0.99, 0.65),
    ("532101", "Undersköterska", "Undersköterskor", 0.84, 0.45),
    ("221101", "Specialistläkare", "Läkare", 0.52, 0.85),
    ("221201", "ST-läkare", "Läkare", 0.55, 0.92),
    ("221301", "AT-läkare", "Läkare", 0.57, 0.97),
    ("222801", "Fysioterapeut", "Rehabilitering", 0.75, 0.70),
    ("222802", "Arbetsterapeut", "Rehabilitering", 0.90, 0.70),
    ("221501", "Psykolog", "Psykologer och kuratorer", 0.78, 0.80),
    ("263501", "Kurator", "Psykologer och kuratorer", 0.88, 0.78),
    ("321201", "Biomedicinsk analytiker", "Biomedicinska analytiker", 0.85, 0.70),
    ("226101", "Tandläkare", "Tandvård", 0.62, 0.82),
    ("325101", "Tandhygienist", "Tandvård", 0.97, 0.60),
    ("325102", "Tandsköterska", "Tandvård", 0.96, 0.55),
    ("334401", "Medicinsk sekreterare", "Administration", 0.95, 0.65),
    ("411001", "Administratör", "Administration", 0.78, 0.80),
    ("251101", "IT-specialist", "IT och digitalisering", 0.33, 0.95),
    ("241101", "Ekonom", "Ekonomi och HR", 0.68, 0.90),
    ("242301", "HR-specialist", "Ekonomi och HR", 0.80, 0.88),
    ("911201", "Lokalvårdare", "Service", 0.72, 0.55),
    ("515301", "Vaktmästare", "Service", 0.20, 0.85),
    ("111201", "Enhetschef", "Chefer", 0.72, 0.99),
)
_INDEX = {code: i for i, (code, *_rest) in enumerate(PROFESSIONS)}

# Unit kinds: profession mix (weights by profession code).
MIX: dict[str, dict[str, float]] = {
    "vard": {
        "532101": 34,
        "222101": 30,
        "222201": 9,
        "221101": 8,
        "221201": 5,
        "221301": 2,
        "334401": 5,
        "222801": 2,
        "222802": 2,
        "111201": 1.5,
    },
    "vc": {
        "221101": 12,
        "221201": 6,
        "222101": 14,
        "222201": 14,
        "532101": 12,
        "222801": 7,
        "222802": 4,
        "221501": 4,
        "263501": 4,
        "334401": 12,
        "111201": 1.5,
    },
    "bb": {"222301": 35, "532101": 25, "222101": 15, "221101": 10, "334401": 6, "111201": 1.5},
    "psyk": {
        "222101": 18,
        "222201": 6,
        "532101": 30,
        "221101": 9,
        "221501": 12,
        "263501": 10,
        "222802": 5,
        "334401": 8,
        "111201": 1.5,
    },
    "lab": {"321201": 70, "221101": 8, "411001": 12, "111201": 1.5},
    "tand": {"226101": 25, "325101": 16, "325102": 48, "411001": 8, "111201": 1.5},
    "admin": {"411001": 40, "251101": 20, "241101": 20, "242301": 15, "111201": 2},
    "service": {"911201": 55, "515301": 25, "411001": 12, "111201": 2},
}

# förvaltning code, name, share of staff, [(område, [(verksamhet, kind, enheter per 4,500)])]
TREE: tuple[
    tuple[str, str, float, tuple[tuple[str, tuple[tuple[str, str, int], ...]], ...]], ...
] = (
    (
        "HS",
        "Hälso- och sjukvårdsförvaltningen",
        0.80,
        (
            (
                "Primärvård",
                (
                    ("Hälsocentraler norr", "vc", 9),
                    ("Hälsocentraler söder", "vc", 9),
                    ("Barn- och ungdomshälsa", "vc", 4),
                ),
            ),
            (
                "Somatisk specialistvård",
                (
                    ("Medicinkliniken", "vard", 12),
                    ("Kirurgkliniken", "vard", 10),
                    ("Ortopedkliniken", "vard", 6),
                    ("Kvinnokliniken", "bb", 5),
                    ("Barnkliniken", "vard", 4),
                    ("Laboratoriemedicin", "lab", 5),
                ),
            ),
            (
                "Akut och opererande vård",
                (
                    ("Akutkliniken", "vard", 6),
                    ("Anestesi- och intensivvård", "vard", 6),
                    ("Operation", "vard", 6),
                    ("Ambulanssjukvården", "vard", 8),
                ),
            ),
            (
                "Psykiatri",
                (
                    ("Vuxenpsykiatri", "psyk", 8),
                    ("Barn- och ungdomspsykiatri", "psyk", 4),
                    ("Rättspsykiatri", "psyk", 3),
                ),
            ),
        ),
    ),
    (
        "FT",
        "Folktandvården",
        0.07,
        (
            ("Allmäntandvård", (("Folktandvården klinikerna", "tand", 12),)),
            ("Specialisttandvård", (("Specialisttandvården", "tand", 3),)),
        ),
    ),
    (
        "RS",
        "Regionservice",
        0.09,
        (
            (
                "Administration och stöd",
                (
                    ("Ekonomi", "admin", 4),
                    ("HR-enheten", "admin", 3),
                    ("IT-enheten", "admin", 4),
                ),
            ),
            ("Service", (("Lokalvård", "service", 5), ("Fastighetsdrift", "service", 3))),
        ),
    ),
    (
        "RU",
        "Regional utveckling",
        0.04,
        (("Utveckling", (("Näringsliv och kultur", "admin", 3), ("Kollektivtrafik", "admin", 2))),),
    ),
)
PLACES = (
    "Åsen",
    "Berg",
    "Norrby",
    "Lit",
    "Hede",
    "Myrviken",
    "Bräcke",
    "Krokom",
    "Strömsund",
    "Sveg",
    "Funäsdalen",
    "Hammarstrand",
    "Järpen",
    "Ås",
    "Brunflo",
    "Lillhärdal",
    "Gällö",
    "Föllinge",
    "Hallen",
    "Oviken",
    "Rätan",
    "Tännäs",
    "Kälarne",
    "Vemdalen",
)
WARD_WORDS = ("Avdelning", "Mottagning", "Team", "Enhet")

# Yearly probability of retirement by age (LAS: everyone leaves by 69).
RETIREMENT = {
    60: 0.02,
    61: 0.03,
    62: 0.05,
    63: 0.08,
    64: 0.14,
    65: 0.42,
    66: 0.35,
    67: 0.45,
    68: 0.6,
}
# Yearly probability of leaving for other reasons, by age band.
OTHER = ((29, 0.13), (39, 0.085), (49, 0.055), (59, 0.04), (200, 0.03))
HOURLY_SHARE = 0.05
FIXED_TERM_SHARE = 0.09
GROWTH = 0.006
EXTRACT_COLUMNS = (
    "Anst.nr",
    "Födelseår",
    "Kön",
    "Enhet",
    "AID",
    "Befattning",
    "Yrkesgrupp",
    "Anställningsform",
    "Sysselsättningsgrad",
    "Startdatum",
    "Slutdatum",
    "Avgångsorsak",
    "E-post",
)


@dataclass(frozen=True)
class DemoRegion:
    units: pl.DataFrame  # Enhetskod, Enhetsnamn, Överordnad, Nivå, Chef
    employments: pl.DataFrame  # EXTRACT_COLUMNS, strings as in a real extract


def build_units(employees: int) -> tuple[pl.DataFrame, list[tuple[str, str, float]]]:
    """The unit tree and, for each enhet, (code, kind, weight of staff)."""
    scale = max(employees / 4500, 0.05)
    rows: list[tuple[str, str, str | None, str]] = [("R", "Region Demo", None, "region")]
    leaves: list[tuple[str, str, float]] = []
    place = 0
    for f_code, f_name, share, areas in TREE:
        rows.append((f_code, f_name, "R", "forvaltning"))
        per_leaf: list[tuple[str, str]] = []
        for a_index, (area, operations) in enumerate(areas, start=1):
            a_code = f"{f_code}{a_index}"
            rows.append((a_code, area, f_code, "omrade"))
            for o_index, (operation, kind, count) in enumerate(operations, start=1):
                o_code = f"{a_code}{o_index:02d}"
                rows.append((o_code, operation, a_code, "verksamhet"))
                for n in range(1, max(1, math.ceil(count * scale)) + 1):
                    e_code = f"{o_code}{n:03d}"
                    if kind in ("vc", "tand"):
                        word = "Hälsocentral" if kind == "vc" else "Tandklinik"
                        name = f"{word} {PLACES[place % len(PLACES)]}"
                        if place >= len(PLACES):
                            name += f" {place // len(PLACES) + 1}"
                        place += 1
                    else:
                        name = f"{operation} {WARD_WORDS[n % len(WARD_WORDS)].lower()} {n}"
                    rows.append((e_code, name, o_code, "enhet"))
                    per_leaf.append((e_code, kind))
        for e_code, kind in per_leaf:
            leaves.append((e_code, kind, share / len(per_leaf)))
    units = pl.DataFrame(
        rows, schema=["Enhetskod", "Enhetsnamn", "Överordnad", "Nivå"], orient="row"
    )
    return units.with_columns(pl.lit(None, dtype=pl.String).alias("Chef")), leaves


def build_region(
    employees: int = 4500, seed: int = 1, today: datetime.date | None = None, years: int = 10
) -> DemoRegion:
    """Build the unit tree and `years` of employment history ending on `today`."""
    if employees < 50:
        raise ValueError("employees must be at least 50")
    today = today or datetime.date.today()
    rng = np.random.default_rng(seed)
    units, leaves = build_units(employees)
    leaf_codes = np.array([code for code, _kind, _w in leaves])
    leaf_weights = np.array([w for _c, _k, w in leaves])
    leaf_weights /= leaf_weights.sum()
    mixes = np.zeros((len(leaves), len(PROFESSIONS)))
    for i, (_code, kind, _w) in enumerate(leaves):
        for code, weight in MIX[kind].items():
            mixes[i, _INDEX[code]] = weight
    mixes /= mixes.sum(axis=1, keepdims=True)
    women = np.array([p[3] for p in PROFESSIONS])
    full_time = np.array([p[4] for p in PROFESSIONS])

    first_year = today.year - years
    epoch = datetime.date(1970, 1, 1)
    window_start = (datetime.date(first_year, 1, 1) - epoch).days
    today_day = (today - epoch).days

    def new_people(count: int, ages: np.ndarray, start_days: np.ndarray) -> dict[str, np.ndarray]:
        leaf = rng.choice(len(leaves), size=count, p=leaf_weights)
        cumulative = mixes[leaf].cumsum(axis=1)
        profession = (rng.random(count)[:, None] > cumulative).sum(axis=1)
        profession = np.minimum(profession, len(PROFESSIONS) - 1)
        start_years = 1970 + start_days // 365.25
        form = np.where(
            rng.random(count) < HOURLY_SHARE,
            2,
            np.where(rng.random(count) < FIXED_TERM_SHARE, 1, 0),
        )
        part = rng.choice(
            [50.0, 60.0, 75.0, 80.0, 85.0, 90.0], size=count, p=[0.05, 0.07, 0.28, 0.25, 0.1, 0.25]
        )
        rate = np.where(rng.random(count) < full_time[profession], 100.0, part)
        rate = np.where(form == 2, 0.0, rate)
        return {
            "birth_year": (start_years - ages).astype(np.int64),
            "sex": np.where(rng.random(count) < women[profession], 1, 0),
            "leaf": leaf,
            "profession": profession,
            "form": form,
            "rate": rate,
            "start": start_days.astype(np.int64),
            "end": np.full(count, -1, dtype=np.int64),
            "reason": np.full(count, -1, dtype=np.int64),
        }

    initial = int(round(employees / (1 + GROWTH) ** years))
    ages_now = np.clip(rng.normal(44, 11.5, initial), 20, 66).astype(np.int64)
    tenure_days = np.minimum((ages_now - 19) * 365, rng.exponential(9 * 365, initial)).astype(
        np.int64
    )
    people = new_people(initial, ages_now - tenure_days // 365, window_start - tenure_days)
    people["birth_year"] = first_year - ages_now
    # The fixed-term contracts of the people already there are taken as renewed: permanent.
    people["form"] = np.where(people["form"] == 2, 2, 0)
    chunks = [people]

    def leave(chunk: dict[str, np.ndarray], year: int, year_start: int, days: int) -> np.ndarray:
        """Draw the year's exits among the people in `chunk` still employed: the yearly
        probabilities times the part of the year each is employed, so that a person hired
        this year is at risk from the start day on, as real staff are. Returns who left."""
        size = chunk["start"].shape[0]
        active = (chunk["end"] < 0) & (chunk["start"] < year_start + days)
        first = np.maximum(chunk["start"], year_start)
        part = (year_start + days - first) / days
        age = year - chunk["birth_year"]
        retire_p = np.vectorize(lambda a: RETIREMENT.get(a, 1.0 if a >= 69 else 0.0))(age)
        other_p = np.select([age <= limit for limit, _p in OTHER], [p for _l, p in OTHER])
        draw = rng.random(size)
        retire = active & (draw < retire_p * part)
        other = active & ~retire & (draw < (retire_p + other_p) * part)
        fixed_end = (
            active & (chunk["form"] == 1) & ~retire & ~other & (rng.random(size) < 0.55 * part)
        )
        gone: np.ndarray = retire | other | fixed_end
        day = first + (rng.random(size) * (year_start + days - first)).astype(np.int64)
        reason = np.select(
            [retire, fixed_end, rng.random(size) < 0.035, rng.random(size) < 0.004],
            [1, 4, 2, 3],
            default=0,
        )
        chunk["end"] = np.where(gone, day, chunk["end"])
        chunk["reason"] = np.where(gone, reason, chunk["reason"])
        return gone

    for year in range(first_year, today.year + 1):
        year_start = (datetime.date(year, 1, 1) - epoch).days
        days_in_year = 366 if year % 4 == 0 else 365
        leavers = sum(int(leave(c, year, year_start, days_in_year).sum()) for c in chunks)
        last = year == today.year
        if last:
            # The region hires to its budget: `employees` on the reference date.
            present = sum(
                int(((c["start"] <= today_day) & ((c["end"] < 0) | (c["end"] >= today_day))).sum())
                for c in chunks
            )
            hires, until = max(employees - present, 0), today_day + 1
        else:
            active_total = sum(
                int(((c["end"] < 0) | (c["end"] >= year_start)).sum()) for c in chunks
            )
            hires = leavers + int(round(active_total * GROWTH))
            until = year_start + days_in_year
        # Hires who leave again before the year is out (or before today) are replaced too.
        while hires:
            ages = np.clip(rng.normal(33, 9, hires), 19, 62).astype(np.int64)
            starts = year_start + rng.integers(0, until - year_start, hires)
            fresh = new_people(hires, ages, starts)
            gone = leave(fresh, year, year_start, days_in_year)
            chunks.append(fresh)
            hires = int((gone & (fresh["end"] < min(until, today_day))).sum())

    merged = {key: np.concatenate([c[key] for c in chunks]) for key in chunks[0]}
    # Nothing after today: later starts did not happen; later ends are still open.
    keep = merged["start"] <= today_day
    merged = {key: value[keep] for key, value in merged.items()}
    future = merged["end"] > today_day
    merged["end"] = np.where(future, -1, merged["end"])
    merged["reason"] = np.where(future, -1, merged["reason"])
    return DemoRegion(units=units, employments=_as_extract(merged, leaf_codes))


def _as_extract(people: dict[str, np.ndarray], leaf_codes: np.ndarray) -> pl.DataFrame:
    forms = np.array(["Tillsvidare", "Visstid", "Timavlönad"])
    reasons = np.array(["Egen begäran", "Pension", "Uppsägning", "Dödsfall", "Visstid upphör"])
    codes = np.array([p[0] for p in PROFESSIONS])
    names = np.array([p[1] for p in PROFESSIONS])
    groups = np.array([p[2] for p in PROFESSIONS])
    count = people["start"].shape[0]
    frame = pl.DataFrame(
        {
            "Anst.nr": [f"{100001 + i}" for i in range(count)],
            "Födelseår": people["birth_year"].astype(str),
            "Kön": np.where(people["sex"] == 1, "K", "M"),
            "Enhet": leaf_codes[people["leaf"]],
            "AID": codes[people["profession"]],
            "Befattning": names[people["profession"]],
            "Yrkesgrupp": groups[people["profession"]],
            "Anställningsform": forms[people["form"]],
            "Sysselsättningsgrad": np.char.replace(np.char.mod("%.1f", people["rate"]), ".0", ""),
            # Most staff have a work address; one in eight (often on the floor without a
            # computer of their own) gets a printed invitation instead.
            "E-post": [
                None if i % 8 == 7 else f"medarbetare.{100001 + i}@regiondemo.invalid"
                for i in range(count)
            ],
            "_start": people["start"],
            "_end": people["end"],
            "_reason": people["reason"],
        }
    )
    epoch = pl.date(1970, 1, 1)
    return (
        frame.with_columns(
            (epoch + pl.duration(days=pl.col("_start")))
            .dt.strftime("%Y-%m-%d")
            .alias("Startdatum"),
            pl.when(pl.col("_end") >= 0)
            .then((epoch + pl.duration(days=pl.col("_end"))).dt.strftime("%Y-%m-%d"))
            .alias("Slutdatum"),
            pl.when(pl.col("_reason") >= 0)
            .then(pl.col("_reason").map_elements(lambda r: str(reasons[r]), return_dtype=pl.String))
            .alias("Avgångsorsak"),
        )
        .select(EXTRACT_COLUMNS)
        .sort("Startdatum", "Anst.nr")
    )


def write_extract(frame: pl.DataFrame, path: str, *, windows_1252: bool = True) -> None:
    """Write an extract as Swedish HR systems do: `;`, decimal comma, Windows-1252."""
    text = frame.with_columns(pl.col("Sysselsättningsgrad").str.replace(r"\.", ",")).write_csv(
        separator=";"
    )
    with open(path, "wb") as handle:
        handle.write(text.encode("cp1252" if windows_1252 else "utf-8"))


def write_xlsx(frame: pl.DataFrame, path: str) -> None:
    frame.write_excel(path, autofit=False)


def action_year(today: datetime.date) -> int:
    """The year Region Demo started early intervention and its staffing pool (seed 004): the
    figures improve from then on."""
    return today.year - 3


def build_health_data(
    employments: pl.DataFrame, today: datetime.date, years: int = 10, seed: int = 1
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Scheduled hours and sick-leave spells for Region Demo's monthly-paid staff, as the HR
    system would export them (Anst.nr; Månad; Timmar and Anst.nr; Från; Till; Omfattning).

    Sick leave has a winter peak and a few long spells; from `action_year` on, long-term sick
    leave falls by about a quarter (the improvement seed 004 reports after early intervention),
    and a few spells begin in the last fortnight, so occupational health has a worklist today.
    """
    rng = np.random.default_rng(seed)
    first = datetime.date(today.year - years + 1, 1, 1)
    started = datetime.date(action_year(today), 1, 1)
    last_month = datetime.date(today.year, today.month, 1)
    staff = employments.filter(pl.col("Anställningsform") != "Timavlönad").select(
        pl.col("Anst.nr"),
        pl.col("Sysselsättningsgrad").str.replace(",", ".").cast(pl.Float64).alias("rate"),
        pl.col("Startdatum").str.to_date(),
        pl.col("Slutdatum").str.to_date(),
    )
    months = pl.date_range(first, last_month, "1mo", eager=True).alias("month")
    hours = (
        staff.join(months.to_frame(), how="cross")
        .filter(
            (pl.col("Startdatum") <= pl.col("month").dt.month_end())
            & (pl.col("Slutdatum").is_null() | (pl.col("Slutdatum") >= pl.col("month")))
        )
        .with_columns(
            # July is mostly holiday; a full-time month is about 165 scheduled hours.
            (
                pl.when(pl.col("month").dt.month() == 7).then(70.0).otherwise(165.0)
                * pl.col("rate")
                / 100
            )
            .round(1)
            .alias("hours")
        )
        .filter(pl.col("hours") > 0)
    )
    spells = []
    for number, start, end in staff.select("Anst.nr", "Startdatum", "Slutdatum").iter_rows():
        begin = max(start, first)
        stop = min(end or today, today)
        if stop <= begin:
            continue
        span = (stop - begin).days
        for _ in range(int(rng.poisson(2.6 * span / 365))):
            day = begin + datetime.timedelta(days=int(rng.integers(0, span)))
            if day.month in (4, 5, 6, 7, 8, 9) and rng.random() < 0.4:
                continue  # the winter peak: fewer short spells in summer
            length = int(rng.integers(1, 13))
            progress = max((day - started).days, 0) / max((today - started).days, 1)
            if rng.random() < 0.045 * (1 - 0.3 * progress):
                length = int(rng.integers(60, 240))
            extent = 100 if length < 60 or rng.random() < 0.6 else int(rng.choice([25, 50, 75]))
            finish = day + datetime.timedelta(days=length - 1)
            spells.append(
                (number, day.isoformat(), "" if finish > today else finish.isoformat(), str(extent))
            )
    # Today's worklist: a handful of spells now on day 8–14, still running.
    running = staff.filter(pl.col("Slutdatum").is_null() | (pl.col("Slutdatum") > today))
    for number in running["Anst.nr"].sample(6, seed=seed).to_list():
        day = today - datetime.timedelta(days=int(rng.integers(7, 12)))
        spells.append((number, day.isoformat(), "", "100"))
    hours_file = hours.select(
        "Anst.nr",
        pl.col("month").dt.strftime("%Y-%m").alias("Månad"),
        pl.col("hours").cast(pl.String).str.replace(r"\.", ",").alias("Timmar"),
    )
    spells_file = pl.DataFrame(
        spells, schema=["Anst.nr", "Från", "Till", "Omfattning"], orient="row"
    ).unique(["Anst.nr", "Från"], keep="first", maintain_order=True)
    return hours_file, spells_file


def build_costs(
    employments: pl.DataFrame, today: datetime.date, years: int = 10, seed: int = 1
) -> pl.DataFrame:
    """Monthly personnel costs per unit, as the finance system would export them (Enhet;
    Månad; Yrkesgrupp; Egen personal; Inhyrd personal; Bemanningspool).

    Own staff cost ≈ 60,000 kr a month per FTE (pay with social costs). Hired staff runs at
    4–5 % of it, locum doctors the most, until the staffing pool starts in `action_year`: then
    hired staff falls towards the 2 % target as pool hours grow.
    """
    rng = np.random.default_rng(seed + 7)
    first = datetime.date(today.year - years + 1, 1, 1)
    last_month = datetime.date(today.year, today.month, 1)
    started = datetime.date(action_year(today), 1, 1)
    months = pl.date_range(first, last_month, "1mo", eager=True).alias("month")
    staff = employments.filter(pl.col("Anställningsform") != "Timavlönad").select(
        "Enhet",
        pl.col("Sysselsättningsgrad").str.replace(",", ".").cast(pl.Float64).alias("rate"),
        pl.col("Startdatum").str.to_date(),
        pl.col("Slutdatum").str.to_date(),
    )
    fte = (
        staff.join(months.to_frame(), how="cross")
        .filter(
            (pl.col("Startdatum") <= pl.col("month").dt.month_end())
            & (pl.col("Slutdatum").is_null() | (pl.col("Slutdatum") >= pl.col("month")))
        )
        .group_by("Enhet", "month")
        .agg((pl.col("rate").sum() / 100).alias("fte"))
        .sort("Enhet", "month")
    )
    # The pool grows over its first two years.
    after = ((pl.col("month") - pl.lit(started)).dt.total_days() / 730).clip(0, 1)
    noise = pl.Series(rng.lognormal(0, 0.35, fte.height))
    base = fte.with_columns(
        (pl.col("fte") * 60_000).round(0).alias("own"),
        # 4.5 % before the pool, falling to about 2 % as it grows.
        (pl.col("fte") * 60_000 * (0.045 - 0.025 * after) * noise).round(0).alias("hired"),
        (pl.col("fte") * 4 * after * noise).round(0).alias("pool"),
    )
    # The part of hired staff on the unit's own row, and hired by profession (locum doctors
    # the most), as the finance system splits it.
    split = {"": 0.4, "Läkare": 0.45, "Sjuksköterskor": 0.15}
    parts = [
        base.select(
            "Enhet",
            "month",
            pl.lit(group).alias("Yrkesgrupp"),
            (pl.col("own") if group == "" else pl.lit(0.0)).alias("own"),
            (pl.col("hired") * share).round(0).alias("hired"),
            (pl.col("pool") if group == "" else pl.lit(0.0)).alias("pool"),
        )
        for group, share in split.items()
    ]
    return (
        pl.concat(parts)
        .filter((pl.col("own") > 0) | (pl.col("hired") > 0))
        .sort("Enhet", "month", "Yrkesgrupp")
        .select(
            "Enhet",
            pl.col("month").dt.strftime("%Y-%m").alias("Månad"),
            "Yrkesgrupp",
            pl.col("own").cast(pl.Int64).cast(pl.String).alias("Egen personal"),
            pl.col("hired").cast(pl.Int64).cast(pl.String).alias("Inhyrd personal"),
            pl.col("pool").cast(pl.Int64).cast(pl.String).alias("Bemanningspool"),
        )
    )


def build_plans(employments: pl.DataFrame, today: datetime.date, seed: int = 1) -> pl.DataFrame:
    """Individual competence plans (Anst.nr; Kompetensplan) for today's monthly-paid staff:
    about seven in ten have one, fewer among the newly hired."""
    rng = np.random.default_rng(seed + 11)
    staff = employments.filter(
        (pl.col("Anställningsform") != "Timavlönad")
        & (pl.col("Slutdatum").is_null() | (pl.col("Slutdatum").str.to_date() >= today))
    ).unique("Anst.nr", keep="first", maintain_order=True)
    new = (staff["Startdatum"].str.to_date() > today - datetime.timedelta(days=365)).to_numpy()
    chance = np.where(new, 0.35, 0.75)
    answers = np.where(rng.random(staff.height) < chance, "ja", "nej")
    return pl.DataFrame({"Anst.nr": staff["Anst.nr"], "Kompetensplan": answers})
