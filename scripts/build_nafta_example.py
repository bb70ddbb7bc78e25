"""Build the ``tariffs:`` section of the NAFTA example proposals from Caliendo & Parro's data.

The data are the 1993 calibration tables of Caliendo and Parro (2015), "Estimates of the Trade
and Welfare Effects of NAFTA", Review of Economic Studies 82(1): 1-44, as exported to CSV from the
dataset ``cp2015_nafta`` of the R package cp2015 (Paulo Felipe Oliveira, MIT licence, commit
ecf59b9198732cdfa634203c4d8ddf14e8272790). The CSV files are read from ``--data-dir`` and are
never copied into this repository; only the figures derived here go into the proposal files.

For the evaluated country (``--country USA`` or ``--country CAN``) it prints to stdout a
``tariffs:`` YAML block, with one import line per goods sector (CP sectors 1-20) and NAFTA partner
with imports above zero, and one export line per goods sector and partner with exports above
zero. Every figure comes from the data:

- ``imports_usd`` / ``exports_usd``: trade.csv ``value`` (USD, net of tariffs: world prices);
- ``base_rate`` / ``final_rate``: trade.csv ``tariff`` (1993) / ``tariff_cfl`` (2005, the NAFTA
  end state that CP's comparative statics use);
- ``rest_of_world_imports_usd``: the sector's imports from every exporter outside the bloc,
  split between the partner lines of the sector in proportion to their imports (an assumption of
  ours), and ``rest_of_world_base_rate`` their trade-weighted 1993 tariff;
- ``substitution_elasticity``: the sector's trade elasticity theta_j (theta.csv);
- ``domestic_output_usd``: the diagonal of trade.csv, domestic sales of domestic output.

A summary (totals and trade-weighted rates per partner, and the country's total value added,
which the proposals use as ``economy.gdp_usd``) goes to stderr. Run from the repository root::

    .venv/bin/python scripts/build_nafta_example.py --country USA > /tmp/tariffs_usa.yaml
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parent.parent

# Alpha-3 code of each NAFTA party and its region name in the data, in the proposals' order.
PARTIES: dict[str, str] = {"USA": "USA", "MEX": "Mexico", "CAN": "Canada"}
# How the summary names each party: as subject, as object, as adjective.
SUBJECT: dict[str, str] = {"USA": "US", "MEX": "Mexico", "CAN": "Canada"}
OBJECT: dict[str, str] = {"USA": "the US", "MEX": "Mexico", "CAN": "Canada"}
ADJECTIVE: dict[str, str] = {"USA": "US", "MEX": "Mexican", "CAN": "Canadian"}
EVALUATED = ("USA", "CAN")

SOURCE_ID = "cp2015"
EXPORTERS_SUPPLY_ELASTICITY = "{low: 1.0, high: 10.0}"
"""Our exporters' supply elasticity: an assumption of ours, labelled so in the file."""
# Kept from proposals/nafta_us_1994.yaml: not from the data.
ELASTICITY_COMMENT = """\
  # Import-demand elasticity (absolute value): the evaluator ships no default, so it is given
  # here. high 3.0: the value Rodrik calls "generous" (rodrik2007); low 1.0: illustrative, not
  # from a source. Kee, Nicita & Olarreaga (2008, REStat 90(4)) estimate line-level elasticities
  # for 117 countries, but their country figures could not be verified and are not used.
  elasticity: {low: 1.0, high: 3.0}   # high: rodrik2007; low: illustrative"""

FloatArray = npt.NDArray[np.float64]


def default_data_dir() -> Path:
    """``$EVALUATOR_DATA/cp2015_nafta``, else ``../shared/data/cp2015_nafta`` beside the repo."""
    root = os.environ.get("EVALUATOR_DATA")
    base = Path(root) if root else REPO.parent / "shared" / "data"
    return base / "cp2015_nafta"


@dataclass(frozen=True)
class Dataset:
    """What the script needs from cp2015_nafta; arrays indexed [sector, exporter, importer]."""

    sectors: tuple[str, ...]
    goods: tuple[str, ...]
    regions: tuple[str, ...]
    value: FloatArray
    tariff: FloatArray
    tariff_cfl: FloatArray
    theta: dict[str, float]
    value_added: dict[str, float]

    def sector(self, name: str) -> int:
        return self.sectors.index(name)

    def region(self, name: str) -> int:
        return self.regions.index(name)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_dataset(data_dir: Path) -> Dataset:
    """Read trade, theta, value added and the set orders from the dataset folder."""
    sector_rows = sorted(_rows(data_dir / "sectors.csv"), key=lambda row: int(row["index"]))
    sectors = tuple(row["sector"] for row in sector_rows)
    goods = tuple(row["sector"] for row in sector_rows if row["goods"] == "TRUE")
    region_rows = sorted(_rows(data_dir / "regions.csv"), key=lambda row: int(row["index"]))
    regions = tuple(row["region"] for row in region_rows)
    shape = (len(sectors), len(regions), len(regions))
    value = np.full(shape, np.nan)
    tariff = np.full(shape, np.nan)
    tariff_cfl = np.full(shape, np.nan)
    s_index = {name: i for i, name in enumerate(sectors)}
    r_index = {name: i for i, name in enumerate(regions)}
    for row in _rows(data_dir / "trade.csv"):
        at = (s_index[row["sector"]], r_index[row["exporter"]], r_index[row["importer"]])
        value[at] = float(row["value"])
        tariff[at] = float(row["tariff"])
        tariff_cfl[at] = float(row["tariff_cfl"])
    if np.isnan(value).any() or np.isnan(tariff).any() or np.isnan(tariff_cfl).any():
        raise ValueError(f"{data_dir / 'trade.csv'} does not cover every sector x region pair")
    theta = {row["sector"]: float(row["value"]) for row in _rows(data_dir / "theta.csv")}
    value_added: dict[str, float] = {}
    for row in _rows(data_dir / "value_added.csv"):
        value_added[row["region"]] = value_added.get(row["region"], 0.0) + float(row["value"])
    return Dataset(sectors, goods, regions, value, tariff, tariff_cfl, theta, value_added)


def round_usd(amount: float) -> float:
    """Four significant figures, as written in the proposal."""
    return float(f"{amount:.3e}")


def round_rate(rate: float) -> float:
    """Five decimals, as written in the proposal."""
    return float(f"{rate:.5f}")


def format_usd(amount: float) -> str:
    """``2.731e9``: four significant figures, exponent without sign padding."""
    if amount == 0:
        return "0.0"
    mantissa, exponent = f"{amount:.3e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def format_rate(rate: float) -> str:
    """``0.02520`` -> ``0.0252``: five decimals, trailing zeros dropped."""
    text = f"{rate:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def partners_of(country: str) -> tuple[str, ...]:
    """The other two NAFTA parties, in the proposals' order."""
    if country not in EVALUATED:
        raise ValueError(f"country must be one of {', '.join(EVALUATED)}, not {country!r}")
    return tuple(code for code in PARTIES if code != country)


@dataclass(frozen=True)
class ImportLine:
    """One goods sector and partner, seen from the importing (evaluated) country; unrounded."""

    sector: str
    partner: str
    imports_usd: float
    base_rate: float
    final_rate: float
    rest_of_world_imports_usd: float
    rest_of_world_base_rate: float
    substitution_elasticity: float
    domestic_output_usd: float


@dataclass(frozen=True)
class ExportLine:
    """One goods sector and partner, our exports and the partner's tariff on them; unrounded."""

    sector: str
    partner: str
    exports_usd: float
    base_rate: float
    final_rate: float


def _outsiders(data: Dataset) -> list[int]:
    inside = {data.region(name) for name in PARTIES.values()}
    return [i for i in range(len(data.regions)) if i not in inside]


def import_lines(data: Dataset, country: str) -> list[ImportLine]:
    """Import lines for ``country``, goods sectors in CP's order, partners in PARTIES order."""
    partners = partners_of(country)
    home = data.region(PARTIES[country])
    outsiders = _outsiders(data)
    lines: list[ImportLine] = []
    for name in data.goods:
        s = data.sector(name)
        row_values = data.value[s, outsiders, home]
        row_total = float(row_values.sum())
        row_rate = (
            float((row_values * data.tariff[s, outsiders, home]).sum()) / row_total
            if row_total > 0
            else 0.0
        )
        by_partner = {p: float(data.value[s, data.region(PARTIES[p]), home]) for p in partners}
        partner_total = sum(v for v in by_partner.values() if v > 0)
        for partner, imports in by_partner.items():
            if imports <= 0:
                continue
            e = data.region(PARTIES[partner])
            lines.append(
                ImportLine(
                    sector=name,
                    partner=partner,
                    imports_usd=imports,
                    base_rate=float(data.tariff[s, e, home]),
                    final_rate=float(data.tariff_cfl[s, e, home]),
                    rest_of_world_imports_usd=row_total * imports / partner_total,
                    rest_of_world_base_rate=row_rate,
                    substitution_elasticity=data.theta[name],
                    domestic_output_usd=float(data.value[s, home, home]),
                )
            )
    return lines


def export_lines(data: Dataset, country: str) -> list[ExportLine]:
    """Export lines for ``country``: goods sectors in CP's order, partners in PARTIES order."""
    home = data.region(PARTIES[country])
    lines: list[ExportLine] = []
    for name in data.goods:
        s = data.sector(name)
        for partner in partners_of(country):
            dest = data.region(PARTIES[partner])
            exports = float(data.value[s, home, dest])
            if exports <= 0:
                continue
            lines.append(
                ExportLine(
                    sector=name,
                    partner=partner,
                    exports_usd=exports,
                    base_rate=float(data.tariff[s, home, dest]),
                    final_rate=float(data.tariff_cfl[s, home, dest]),
                )
            )
    return lines


def gdp_usd(data: Dataset, country: str) -> float:
    """Total 1993 value added of ``country`` over all 40 sectors (CP's GDP basis)."""
    return data.value_added[PARTIES[country]]


def _weighted(pairs: Sequence[tuple[float, float]]) -> float:
    total = sum(v for v, _ in pairs)
    return sum(v * r for v, r in pairs) / total if total > 0 else 0.0


def _flow(rows: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Total value and its trade-weighted base and final rates."""
    total = sum(value for value, _, _ in rows)
    base = _weighted([(value, rate) for value, rate, _ in rows])
    final = _weighted([(value, rate) for value, _, rate in rows])
    return total, base, final


def summary_lines(data: Dataset, country: str) -> list[str]:
    """One sentence per total, as written to stderr and into the proposal's header comment."""
    us = SUBJECT[country]
    imports = import_lines(data, country)
    exports = export_lines(data, country)
    out = [f"{us} total value added 1993 (economy.gdp_usd): ${gdp_usd(data, country) / 1e9:,.1f}bn"]
    for partner in partners_of(country):
        total, base, final = _flow(
            [(x.imports_usd, x.base_rate, x.final_rate) for x in imports if x.partner == partner]
        )
        out.append(
            f"{us} imports from {OBJECT[partner]} 1993: ${total / 1e9:.2f}bn at a "
            f"trade-weighted tariff of {base:.2%} (1993) and {final:.2%} (2005)"
        )
    row_total = sum(line.rest_of_world_imports_usd for line in imports)
    row_rate = _weighted(
        [(line.rest_of_world_imports_usd, line.rest_of_world_base_rate) for line in imports]
    )
    out.append(
        f"{us} imports from outside NAFTA 1993: ${row_total / 1e9:.2f}bn at a trade-weighted "
        f"tariff of {row_rate:.2%} (unchanged by NAFTA)"
    )
    for partner in partners_of(country):
        total, base, final = _flow(
            [(x.exports_usd, x.base_rate, x.final_rate) for x in exports if x.partner == partner]
        )
        out.append(
            f"{us} exports to {OBJECT[partner]} 1993: ${total / 1e9:.2f}bn at a trade-weighted "
            f"{ADJECTIVE[partner]} tariff of {base:.2%} (1993) and {final:.2%} (2005)"
        )
    return out


def _trailing(comment: str) -> str:
    return f"  # {comment}" if comment else ""


def render_tariffs(data: Dataset, country: str) -> str:
    """The ``tariffs:`` block of the proposal, as YAML text ending in a newline."""
    imports = import_lines(data, country)
    exports = export_lines(data, country)
    home = SUBJECT[country]
    code = country
    partners = " and ".join(partners_of(country))
    sectors = [line.sector for line in imports]
    shared = {name for name in sectors if sectors.count(name) > 1}
    out = [
        "tariffs:",
        ELASTICITY_COMMENT,
        "  # No section-wide substitution_elasticity: every line sets its sector's theta_j.",
        "  # export_supply_elasticity omitted: the partners' exporters supply infinitely",
        '  # elastically (SMART\'s default, "99"), so buyers see the whole cut.',
        f"  # {ADJECTIVE[country]} exporters' supply elasticity (export side): an ASSUMPTION",
        "  # of ours, not from a source (no published default was found; GSIM and SMART leave",
        f"  # it to the user). Low values let {ADJECTIVE[country]} exporters keep most of the",
        "  # partners' cuts as higher prices, high values little.",
        f"  exporters_supply_elasticity: {EXPORTERS_SUPPLY_ELASTICITY}   # assumption, not sourced",
        f"  # Import lines: one per goods sector (CP sectors 1-20) and partner ({partners}) with",
        "  # imports above zero, every figure from cp2015 trade.csv, 1993, USD:",
        f"  # - imports_usd: value, exporter = partner, importer = {code}; net of tariffs, i.e.",
        "  #   at world prices;",
        f"  # - base_rate: `tariff` (1993) {code} applies to the partner; final_rate: `tariff_cfl`",
        "  #   (2005), the NAFTA end state of CP's comparative statics (no phase_in_years: the",
        "  #   data have no staging);",
        f"  # - rest_of_world_imports_usd: {code}'s imports of the sector from every exporter",
        "  #   outside {USA, MEX, CAN}, including CP's `Row`. ASSUMPTION (ours, not in the data):",
        "  #   where a sector has a line for each partner, this pool is split between the two",
        "  #   lines in proportion to their imports from each partner;",
        f"  # - rest_of_world_base_rate: the trade-weighted 1993 tariff {code} applies to those",
        "  #   exporters, the same for both partner lines; NAFTA leaves it unchanged;",
        "  # - substitution_elasticity: CP's trade elasticity theta_j of the sector (theta.csv),",
        "  #   the elasticity of source shares to tariff-inclusive prices;",
        "  # - domestic_output_usd: domestic sales of the sector's own output, 1993 (cp2015",
        "  #   trade.csv diagonal); it leaves out exports, so it is below gross output.",
        "  lines:",
    ]
    for line in imports:
        row_note = "split by partner imports (our assumption)" if line.sector in shared else ""
        final_note = "2005 rate, not zero" if round_rate(line.final_rate) > 0 else ""
        out += [
            f"    - sector: {line.sector}",
            f"      partner: {line.partner}",
            f"      imports_usd: {format_usd(line.imports_usd)}",
            f"      base_rate: {format_rate(line.base_rate)}",
            f"      final_rate: {format_rate(line.final_rate)}{_trailing(final_note)}",
            "      rest_of_world_imports_usd: "
            f"{format_usd(line.rest_of_world_imports_usd)}{_trailing(row_note)}",
            f"      rest_of_world_base_rate: {format_rate(line.rest_of_world_base_rate)}",
            f"      substitution_elasticity: {line.substitution_elasticity}",
            f"      domestic_output_usd: {format_usd(line.domestic_output_usd)}",
            f"      source: {SOURCE_ID}",
        ]
    out += [
        f"  # {home} exports to each partner, goods sectors with exports above zero (cp2015",
        f"  # trade.csv, 1993): exports_usd is value, exporter = {code}, importer = partner,",
        f"  # net of tariffs; base_rate / final_rate are the partner's tariff on {code} in 1993 /",
        "  # 2005.",
        "  exports:",
    ]
    for x in exports:
        final_note = "2005 rate, not zero" if round_rate(x.final_rate) > 0 else ""
        out += [
            f"    - sector: {x.sector}",
            f"      partner: {x.partner}",
            f"      exports_usd: {format_usd(x.exports_usd)}",
            f"      base_rate: {format_rate(x.base_rate)}",
            f"      final_rate: {format_rate(x.final_rate)}{_trailing(final_note)}",
            f"      source: {SOURCE_ID}",
        ]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default_data_dir(),
        help="folder of the cp2015_nafta CSV files (default: %(default)s)",
    )
    parser.add_argument("--country", choices=EVALUATED, default="USA")
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir
    if not (data_dir / "trade.csv").is_file():
        parser.error(f"no trade.csv in {data_dir}: pass --data-dir or set EVALUATOR_DATA")
    data = load_dataset(data_dir)
    sys.stdout.write(render_tariffs(data, args.country))
    for sentence in summary_lines(data, args.country):
        print(sentence, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
