"""A proposal's general-equilibrium scenario: regions by ISO code, and its tariff changes.

Regions of a dataset are named in words (``Mexico``, ``UK``, ``Row``); proposals name them by
ISO 3166-1 alpha-3 code (``ROW`` for the rest of the world). Changes apply in order to the
dataset's baseline tariffs; a region's tariff on itself never changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

from evaluator.models.general_equilibrium import GeneralEquilibrium, TariffChange

FloatArray = npt.NDArray[np.float64]
Path = tuple[str | int, ...]
REST_OF_WORLD = "ROW"
_NAMES = {"row": REST_OF_WORLD, "rest of world": REST_OF_WORLD, "uk": "GBR", "korea": "KOR"}
"""Region names that pycountry does not resolve on its own."""


def region_codes(regions: Sequence[str]) -> tuple[str, ...]:
    """The alpha-3 code of each dataset region name (``ROW`` for the rest of the world).

    Examples
    --------
    >>> region_codes(["USA", "Mexico", "UK", "Korea", "Row"])
    ('USA', 'MEX', 'GBR', 'KOR', 'ROW')
    """
    import pycountry

    out = []
    for name in regions:
        code = _NAMES.get(name.strip().lower())
        if code is None:
            try:
                code = pycountry.countries.lookup(name).alpha_3
            except LookupError:
                code = name.upper()[:3]  # an unknown name keeps a visible stand-in
        out.append(code)
    return tuple(out)


def scenario_problems(
    section: GeneralEquilibrium, codes: Sequence[str], sectors: Sequence[str]
) -> Iterator[tuple[Path, str]]:
    """``(path, message)`` for each region or sector the dataset does not have."""
    for k, change in enumerate(section.tariff_changes):
        base: Path = ("general_equilibrium", "tariff_changes", k)
        for field in ("importers", "exporters"):
            chosen = getattr(change, field)
            if chosen == "all":
                continue
            for m, code in enumerate(chosen):
                if code not in codes:
                    close = difflib.get_close_matches(code, codes, n=1)
                    hint = f"; did you mean {close[0]}?" if close else ""
                    yield (*base, field, m), f"{code} is not a region of the dataset{hint}"
        if not isinstance(change.sectors, str):
            for m, name in enumerate(change.sectors):
                if name not in sectors:
                    close = difflib.get_close_matches(name, sectors, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    yield (*base, "sectors", m), f"{name!r} is not a sector of the dataset{hint}"


def _mask(
    change: TariffChange, codes: Sequence[str], sectors: Sequence[str], goods: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    def chosen(field: tuple[str, ...] | str) -> npt.NDArray[np.bool_]:
        return np.array([field == "all" or code in field for code in codes])

    if change.sectors == "all":
        in_sector = np.ones(len(sectors), dtype=bool)
    elif change.sectors == "goods":
        in_sector = goods.copy()
    elif change.sectors == "services":
        in_sector = ~goods
    else:
        in_sector = np.array([name in change.sectors for name in sectors])
    mask = chosen(change.importers)[:, None, None] & chosen(change.exporters)[None, :, None]
    mask = mask & in_sector[None, None, :]
    return np.asarray(mask & ~np.eye(len(codes), dtype=bool)[:, :, None])


def scenario_tariffs(
    section: GeneralEquilibrium,
    codes: Sequence[str],
    sectors: Sequence[str],
    goods: npt.NDArray[np.bool_],
    baseline: FloatArray,
    counterfactual: FloatArray,
) -> FloatArray:
    """The tariffs after the section's changes, ``[importer, exporter, sector]``.

    Examples
    --------
    >>> from evaluator.models.general_equilibrium import GeneralEquilibrium
    >>> section = GeneralEquilibrium(dataset="d", tariff_changes=[
    ...     {"importers": ["USA"], "exporters": "all", "to": 0.0}])
    >>> base = np.full((2, 2, 1), 0.1)
    >>> scenario_tariffs(section, ["USA", "MEX"], ["Food"], np.array([True]), base, base)[:, :, 0]
    array([[0.1, 0. ],
           [0.1, 0.1]])
    """
    tau = baseline.copy()
    for change in section.tariff_changes:
        mask = _mask(change, codes, sectors, goods)
        if change.scale is not None:
            tau = np.where(mask, tau * change.scale, tau)
        elif change.to == "dataset_counterfactual":
            tau = np.where(mask, counterfactual, tau)
        else:
            tau = np.where(mask, float(change.to or 0.0), tau)
    return tau
