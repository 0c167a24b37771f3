"""National statistics data in PostgreSQL: 34 provinces, about 4 million learner-places a year, several years.

    uv run python bench/statistics/national.py [--db llct_bench_stats2] [--years 2022-2025]
                                               [--places 4000000] [--seed 1]

Drops and recreates the database, migrates it, and loads with COPY (psycopg) the registry's units (the
2025 restructure: districts, their centres and old communes closed on 30/06/2025, new communes with their
predecessors and commune political centres from 01/07/2025), the learners (cadres), classes, enrolments,
recognition decisions, registers and the documents issued — the columns the statistics read, every other
NOT NULL column by a temporary default. Secondary indexes and constraints are dropped during the load and
rebuilt after it (foreign keys `NOT VALID`: the generator's ids are right by construction). Then
`ANALYZE` and `llct statistics-rebuild` (the kept aggregates' full rebuild, timed).

Shape, per year and for the country (the review of QĐ 185 counted 76,100 classes and 4.2 million
learner-places a year): ≈ 80,000 classes of 25–110 learners; 12 % at the provincial schools (trung cấp,
sơ cấp, updates), the rest at district centres until 30/06/2025 and at commune centres after; 91 %
completed, 4 % not completed, 0.5 % expelled, 4.5 % withdrawn; a document for each completed learner of a
diploma or certificate programme, 10 % issued more than 15 days after the recognition, 0.2 % revoked.
A learner takes a programme once (drawn without repetition per province and programme; the updates and
topic courses, which people attend every year, wrap around).
"""

import argparse
import datetime as dt
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[2]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4
PROVINCES = 34
DISTRICTS = 20  # per province, closed 30/06/2025, each with its political centre
OLD_COMMUNES = 15  # per district, closed 30/06/2025
NEW_COMMUNES = 98  # per province from 01/07/2025 (3,332 in all), each with its political centre
CADRES = 140_000  # learners per province
CLOSED_ON = dt.date(2025, 6, 30)
CENTRES_FROM = dt.date(2025, 8, 29)
# Programmes taught, with their share of classes and (min, max) days a class lasts.
SCHOOL = {"trung_cap": (0.55, 150, 240), "so_cap": (0.25, 45, 75), "cap_nhat": (0.20, 1, 3)}
CENTRE = {
    "so_cap": (0.10, 45, 75),
    "nhan_thuc_ve_dang": (0.12, 3, 6),
    "dang_vien_moi": (0.10, 3, 6),
    "ky_nang": (0.12, 2, 5),
    "chuyen_de": (0.22, 1, 3),
    "cap_nhat": (0.34, 1, 3),
}
STATUSES = ["hoan_thanh", "khong_hoan_thanh", "buoc_thoi_hoc", "rut"]
STATUS_SHARE = [0.91, 0.04, 0.005, 0.045]
KIND_PREFIX = {"bang": "BTN", "giay_chung_nhan": "GCN"}
# Where each programme's run through a province's learners starts (runs of different programmes overlap).
START = {code: i * 7_919 for i, code in enumerate(sorted({*SCHOOL, *CENTRE}))}
CHUNK = 8 << 20  # bytes per COPY write


def _path(*steps: int) -> str:
    out = []
    for n in steps:
        digits = ""
        for _ in range(STEP):
            n, r = divmod(n, 36)
            digits = ALPHABET[r] + digits
        out.append(digits)
    return "".join(out)


# ---------------------------------------------------------------- the tree


def units_frame() -> tuple[pl.DataFrame, pl.DataFrame, dict]:
    """The units, the predecessor links, and the ids the other tables need."""
    rows: list[tuple] = []
    links: list[tuple[int, int]] = []
    ids = {"school": [], "district_centres": [], "old_communes": [], "new_communes": [], "centres": []}

    def add(path, code, name, tier, kind="hanh_chinh", sector="dang", numchild=0, since=None, until=None):
        rows.append(
            (len(rows) + 1, path, len(path) // STEP, numchild, code, name, tier, sector, kind, since, until)
        )
        return len(rows)

    add(_path(1), "TW", "Trung ương", "trung_uong", numchild=PROVINCES)
    for p in range(1, PROVINCES + 1):
        province = _path(1, p)
        add(province, f"T{p:02d}", f"Tỉnh {p:02d}", "tinh", numchild=1 + DISTRICTS + NEW_COMMUNES)
        ids["school"].append(
            add(
                _path(1, p, 1),
                f"T{p:02d}-TCT",
                f"Trường Chính trị tỉnh {p:02d}",
                "tinh",
                "truong_chinh_tri_tinh",
                "su_nghiep",
            )
        )
        district_centres, old_communes = [], []
        for d in range(1, DISTRICTS + 1):
            district = _path(1, p, 1 + d)
            code = f"T{p:02d}-H{d:02d}"
            add(
                district,
                code,
                f"Huyện {d:02d} tỉnh {p:02d}",
                "huyen",
                numchild=1 + OLD_COMMUNES,
                until=CLOSED_ON,
            )
            district_centres.append(
                add(district + _path(1), f"{code}-TT", f"Trung tâm Chính trị huyện {d:02d}", "huyen",
                    "trung_tam_chinh_tri_huyen", "su_nghiep", until=CLOSED_ON)
            )  # fmt: skip
            for c in range(1, OLD_COMMUNES + 1):
                old_communes.append(
                    add(
                        district + _path(1 + c),
                        f"{code}-X{c:02d}",
                        f"Xã {c:02d} huyện {d:02d}",
                        "xa",
                        until=CLOSED_ON,
                    )
                )
        new_communes, centres = [], []
        for c in range(1, NEW_COMMUNES + 1):
            commune = _path(1, p, 1 + DISTRICTS + c)
            code = f"T{p:02d}-X{c:03d}"
            new_communes.append(
                add(
                    commune,
                    code,
                    f"Xã {c:03d} tỉnh {p:02d}",
                    "xa",
                    numchild=1,
                    since=CLOSED_ON + dt.timedelta(1),
                )
            )
            centres.append(
                add(commune + _path(1), f"{code}-TTCT", f"Trung tâm Chính trị xã {c:03d}", "xa",
                    "trung_tam_chinh_tri_xa", "su_nghiep", since=CENTRES_FROM)
            )  # fmt: skip
        for i, old in enumerate(old_communes):
            links.append((new_communes[i * NEW_COMMUNES // len(old_communes)], old))
        ids["district_centres"].append(district_centres)
        ids["old_communes"].append(old_communes)
        ids["new_communes"].append(new_communes)
        ids["centres"].append(centres)
    columns = {"id": pl.Int64, "path": pl.String, "depth": pl.Int32, "numchild": pl.Int32}
    columns |= {name: pl.String for name in ("code", "name", "tier", "sector", "kind")}
    columns |= {"valid_from": pl.Date, "valid_to": pl.Date}
    units = pl.DataFrame(rows, schema=columns, orient="row")
    predecessors = pl.DataFrame(links, schema=["from_unit_id", "to_unit_id"], orient="row")
    return units, predecessors.with_row_index("id", offset=1), {k: np.array(v) for k, v in ids.items()}


def cadres_frame(rng, ids) -> tuple[pl.DataFrame, np.ndarray]:
    """The learners: CADRES per province, each from an old commune (their sending unit until 30/06/2025,
    its successor after); returns the frame and each cadre's old commune index within its province."""
    n = PROVINCES * CADRES
    province = np.repeat(np.arange(PROVINCES), CADRES)
    old = rng.integers(0, DISTRICTS * OLD_COMMUNES, n)
    new = old * NEW_COMMUNES // (DISTRICTS * OLD_COMMUNES)
    born = np.datetime64("1960-01-01") + rng.integers(0, 40 * 365, n).astype("timedelta64[D]")
    frame = pl.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "sex": np.where(rng.random(n) < 0.42, "nu", "nam"),
            "ethnicity": np.where(rng.random(n) < 0.86, "Kinh", "Tày"),
            "birth_date": born,
            "unit_id": ids["new_communes"][province, new],
        }
    ).with_columns(
        code=pl.format("HV{}", pl.col("id").cast(pl.String).str.zfill(8)),
        full_name=pl.format("Học viên {}", pl.col("id")),
    )
    return frame, old


# ---------------------------------------------------------------- classes and learners


def _draw_programmes(rng, n: int, table: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes = list(table)
    shares = np.array([table[c][0] for c in codes])
    pick = rng.choice(len(codes), n, p=shares / shares.sum())
    low = np.array([table[c][1] for c in codes])[pick]
    high = np.array([table[c][2] for c in codes])[pick]
    return np.array(codes)[pick], low, high


def classes_frame(rng, year: int, places: int, first_id: int, ids, programmes: dict) -> pl.DataFrame:
    n = int(places / 50 * 1.1)
    province = rng.integers(0, PROVINCES, n)
    school = rng.random(n) < 0.12
    starts = np.datetime64(f"{year}-01-01") + rng.integers(0, 350, n).astype("timedelta64[D]")
    after = starts >= np.datetime64(CLOSED_ON + dt.timedelta(1))
    code_s, low_s, high_s = _draw_programmes(rng, n, SCHOOL)
    code_c, low_c, high_c = _draw_programmes(rng, n, CENTRE)
    code = np.where(school, code_s, code_c)
    days = np.where(school, rng.integers(low_s, high_s + 1), rng.integers(low_c, high_c + 1))
    size = np.where(school, rng.integers(50, 111, n), rng.integers(25, 76, n))
    keep = np.cumsum(size) <= places
    district = rng.integers(0, DISTRICTS, n)
    commune = rng.integers(0, NEW_COMMUNES, n)
    centre = np.where(
        after,
        ids["centres"][province, commune],
        ids["district_centres"][province, district],
    )
    # A commune centre opens on 29/08/2025: classes between the districts' end and then go to the school.
    early = after & (starts < np.datetime64(CENTRES_FROM))
    institution = np.where(school | early, ids["school"][province], centre)
    frame = pl.DataFrame(
        {
            "province": province,
            "institution_id": institution,
            "programme": code,
            "programme_id": [programmes[c] for c in code],
            "mode": np.where(rng.random(n) < 0.7, "tap_trung", "khong_tap_trung"),
            "starts_on": starts,
            "ends_on": starts + (days - 1).astype("timedelta64[D]"),
            "capacity": size,
            "after": after,
        }
    ).filter(pl.Series(keep))
    return frame.with_columns(
        id=pl.int_range(first_id, first_id + frame.height),
        code=pl.format("L{}", pl.int_range(first_id, first_id + frame.height)),
        name=pl.concat_str(pl.lit("Lớp "), pl.col("programme")),
        status=pl.lit("da_cong_nhan"),
    )


def enrolments_frame(
    rng, classes: pl.DataFrame, offsets: dict, old_commune, ids, first_id: int
) -> pl.DataFrame:
    """The learners of `classes`: consecutive runs of each province's learners per programme, continuing
    where the previous year stopped (`offsets`); `fresh` is false for a learner met again (wrapped)."""
    parts = []
    for (province, programme), group in classes.group_by(["province", "programme"], maintain_order=True):
        sizes = group["capacity"].to_numpy()
        total = int(sizes.sum())
        start = offsets.get((province, programme), START[programme])
        position = start + np.arange(total)
        offsets[province, programme] = start + total
        local = position % CADRES
        parts.append(
            pl.DataFrame(
                {
                    "training_class_id": np.repeat(group["id"].to_numpy(), sizes),
                    "cadre_index": province * CADRES + local,
                    "after": np.repeat(group["after"].to_numpy(), sizes),
                    "fresh": (position - START[programme]) < CADRES,
                    "province": np.full(total, province),
                }
            )
        )
    frame = pl.concat(parts)
    n = frame.height
    cadre_index = frame["cadre_index"].to_numpy()
    province = frame["province"].to_numpy()
    old = old_commune[cadre_index]
    sending = np.where(
        frame["after"].to_numpy(),
        ids["new_communes"][province, old * NEW_COMMUNES // (DISTRICTS * OLD_COMMUNES)],
        ids["old_communes"][province, old],
    )
    status = np.array(STATUSES)[rng.choice(len(STATUSES), n, p=STATUS_SHARE)]
    return frame.with_columns(
        id=pl.int_range(first_id, first_id + n),
        cadre_id=pl.col("cadre_index") + 1,
        sending_unit_id=pl.Series(sending),
        status=pl.Series(status),
        completed=pl.Series(status == "hoan_thanh"),
    )


def documents(rng, classes, enrolments, outputs, registers: dict, numbers: dict, first: dict, codes):
    """Recognition decisions of the classes whose programme leads to a document, and the documents of
    their completed learners met for the first time."""
    kinds = {code: output for code, output in outputs.items() if output in KIND_PREFIX}
    issuing = classes.filter(pl.col("programme").is_in(list(kinds)))
    signed = issuing.select(
        id=pl.int_range(first["recognition"], first["recognition"] + issuing.height),
        training_class_id="id",
        number=pl.format("{}/QĐ", pl.col("id")),
        signed_on=pl.col("ends_on") + pl.duration(days=pl.Series(rng.integers(0, 6, issuing.height))),
        signed_by=pl.lit("Giám đốc"),
        institution_id="institution_id",
        programme_id="programme_id",
        kind=pl.col("programme").replace_strict(kinds),
    )
    learners = enrolments.filter(pl.col("completed") & pl.col("fresh")).join(
        signed.select(pl.col("id").alias("recognition_id"), "training_class_id", "signed_on",
                      "institution_id", "programme_id", "kind"),
        on="training_class_id",
    )  # fmt: skip
    n = learners.height
    late = rng.random(n) < 0.10
    delay = np.where(late, rng.integers(16, 60, n), rng.integers(0, 16, n))
    revoked = rng.random(n) < 0.002
    learners = learners.with_columns(
        issued_on=pl.col("signed_on") + pl.duration(days=pl.Series(delay)),
        revoked_after=pl.Series(np.where(revoked, rng.integers(30, 300, n), -1)),
    )
    for institution, kind in (
        learners.select("institution_id", "kind").unique().sort("institution_id", "kind").iter_rows()
    ):
        registers.setdefault((institution, kind), len(registers) + 1)
    register_rows = [(rid, kind, inst) for (inst, kind), rid in registers.items() if rid > first["register"]]
    first["register"] = len(registers)
    register_ids = pl.DataFrame(
        [(inst, kind, rid) for (inst, kind), rid in registers.items()],
        schema={"institution_id": pl.Int64, "kind": pl.String, "register_id": pl.Int64},
        orient="row",
    )
    learners = (
        learners.with_columns(pl.col("institution_id").cast(pl.Int64), year=pl.col("issued_on").dt.year())
        .join(register_ids, on=["institution_id", "kind"])
        .sort("register_id", "issued_on", "id")
    )
    used = pl.DataFrame(
        [(r, y, last) for (r, y), last in numbers.items()],
        schema={"register_id": pl.Int64, "year": pl.Int32, "used": pl.Int64},
        orient="row",
    )
    learners = learners.join(used, on=["register_id", "year"], how="left").with_columns(
        number=pl.col("used").fill_null(0) + pl.int_range(1, pl.len() + 1).over("register_id", "year")
    )
    for register, year, last in (
        learners.group_by("register_id", "year").agg(pl.col("number").max()).iter_rows()
    ):
        numbers[register, year] = last
    credentials = learners.select(
        id=pl.int_range(first["credential"], first["credential"] + n),
        register_id="register_id",
        year="year",
        number="number",
        serial=pl.format(
            "{}/{}/{}/{}",
            pl.col("institution_id").replace_strict(codes),
            pl.col("kind").replace_strict(KIND_PREFIX),
            pl.col("year"),
            pl.col("number").cast(pl.String).str.zfill(6),
        ),
        holder_id="cadre_id",
        enrolment_id="id",
        programme_id="programme_id",
        recognition_id="recognition_id",
        issued_on="issued_on",
        signed_by=pl.lit("Giám đốc"),
        status=pl.when(pl.col("revoked_after") >= 0).then(pl.lit("thu_hoi")).otherwise(pl.lit("hieu_luc")),
        revoked_on=pl.when(pl.col("revoked_after") >= 0).then(
            pl.col("issued_on") + pl.duration(days=pl.col("revoked_after"))
        ),
        token=pl.format(
            "B{}", pl.int_range(first["credential"], first["credential"] + n).cast(pl.String).str.zfill(15)
        ),
    )
    first["recognition"] += signed.height
    first["credential"] += n
    registers_frame = pl.DataFrame(register_rows, schema=["id", "kind", "institution_id"], orient="row")
    return signed.drop("institution_id", "programme_id", "kind"), registers_frame, credentials


# ---------------------------------------------------------------- loading


DEFAULTS = {
    "character varying": "''",
    "text": "''",
    "jsonb": "'{}'::jsonb",
    "boolean": "false",
    "integer": "0",
    "smallint": "0",
    "timestamp with time zone": "now()",
}


class Loader:
    """COPY into migrated tables: omitted NOT NULL columns get a default for the load only; secondary
    indexes and constraints are dropped first and rebuilt by `finish`."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.rebuild: list[str] = []
        self.prepared: set[str] = set()

    def _prepare(self, table: str, given: list[str]) -> None:
        if table in self.prepared:
            return
        self.prepared.add(table)
        cur = self.conn.cursor()
        missing = cur.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
            "AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'",
            (table,),
        ).fetchall()
        for column, kind in missing:
            if column not in given:
                cur.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {DEFAULTS[kind]}')
                self.rebuild.append(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP DEFAULT')
        constraints = cur.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            (table,),
        ).fetchall()
        for name, definition, kind in constraints:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            valid = " NOT VALID" if kind == "f" else ""
            self.rebuild.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}{valid}')
        indexes = cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = %s AND indexname NOT LIKE '%%_pkey'",
            (table,),
        ).fetchall()
        for name, definition in indexes:
            cur.execute(f'DROP INDEX "{name}"')
            self.rebuild.append(definition)

    def copy(self, table: str, frame: pl.DataFrame) -> None:
        if frame.is_empty():
            return
        self._prepare(table, frame.columns)
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False, null_value="")
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        with self.conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy:
            view = buffer.getbuffer()
            for start in range(0, len(view), CHUNK):
                copy.write(view[start : start + CHUNK])

    def finish(self) -> None:
        cur = self.conn.cursor()
        for statement in self.rebuild:
            cur.execute(statement)
        for table in self.prepared:
            last = f"(SELECT coalesce(max(id), 1) FROM {table})"
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="llct_bench_stats2")
    parser.add_argument("--years", default="2022-2025")
    parser.add_argument("--places", type=int, default=4_000_000, help="learner-places a year")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    first_year, last_year = map(int, args.years.split("-"))

    import psycopg

    started = time.perf_counter()
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
        admin.execute(f'CREATE DATABASE "{args.db}"')
    url = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "LLCT_DATA_DIR": os.environ.get("LLCT_DATA_DIR", "/tmp/llct-bench-stats"),
    }
    subprocess.run(["uv", "run", "llct", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    print(f"migrated in {time.perf_counter() - started:.0f} s")

    rng = np.random.default_rng(args.seed)
    counts: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '1GB'")
        programmes = dict(conn.execute("SELECT code, id FROM training_programme").fetchall())
        outputs = dict(conn.execute("SELECT code, output FROM training_programme").fetchall())
        load = Loader(conn)
        tick = time.perf_counter()
        units, predecessors, ids = units_frame()
        load.copy("registry_unit", units)
        load.copy("registry_unit_predecessors", predecessors)
        cadres, old_commune = cadres_frame(rng, ids)
        load.copy("registry_cadre", cadres)
        counts |= {"units": units.height, "cadres": cadres.height}
        print(f"units and cadres: {time.perf_counter() - tick:.0f} s")
        codes = dict(units.select("id", "code").iter_rows())
        offsets: dict = {}
        registers: dict = {}
        numbers: dict = {}
        first = {"class": 1, "enrolment": 1, "recognition": 1, "credential": 1, "register": 0}
        for year in range(first_year, last_year + 1):
            tick = time.perf_counter()
            classes = classes_frame(rng, year, args.places, first["class"], ids, programmes)
            enrolments = enrolments_frame(rng, classes, offsets, old_commune, ids, first["enrolment"])
            signed, new_registers, credentials = documents(
                rng, classes, enrolments, outputs, registers, numbers, first, codes
            )
            load.copy(
                "training_trainingclass",
                classes.select("id", "institution_id", "code", "name", "programme_id", "mode", "starts_on",
                               "ends_on", "capacity", "status"),
            )  # fmt: skip
            load.copy(
                "training_enrolment",
                enrolments.select(
                    "id", "training_class_id", "cadre_id", "sending_unit_id", "status", "completed"
                ),
            )
            load.copy("training_recognitiondecision", signed)
            load.copy("credentials_certificateregister", new_registers)
            load.copy("credentials_credential", credentials)
            first["class"] += classes.height
            first["enrolment"] += enrolments.height
            for name, frame in (
                ("classes", classes),
                ("enrolments", enrolments),
                ("credentials", credentials),
            ):
                counts[name] = counts.get(name, 0) + frame.height
            print(
                f"{year}: {classes.height:,} classes, {enrolments.height:,} enrolments, "
                f"{credentials.height:,} documents in {time.perf_counter() - tick:.0f} s"
            )
        conn.commit()
        tick = time.perf_counter()
        load.finish()
        conn.commit()
        print(f"indexes and constraints rebuilt in {time.perf_counter() - tick:.0f} s")
    with psycopg.connect(url, autocommit=True) as conn:
        tick = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE in {time.perf_counter() - tick:.0f} s")
    loaded = time.perf_counter() - started
    tick = time.perf_counter()
    subprocess.run(["uv", "run", "llct", "statistics-rebuild"], cwd=ROOT, env=env, check=True)
    rebuild = time.perf_counter() - tick
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE oversight_classtally, oversight_credentialtally")
    print(
        "loaded "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        + f" in {loaded:.0f} s; statistics-rebuild {rebuild:.0f} s (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    sys.exit(main())
