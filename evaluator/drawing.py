"""Every uncertain input of an evaluation as Monte Carlo draws, with where it came from.

Draws are keyed by name (``import_demand_elasticity``, ``place_premium.PAK``, ...), so two
proposals evaluated with the same seed see the same draws for the same quantity (common random
numbers) and adding a quantity changes no other's draws. A proposal value is used as given: a
number is fixed, a ``{low, high}`` range is drawn uniformly. A default comes from the packaged
parameters file with its cited distribution; ``parameters:`` in the proposal overrides it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt

from evaluator.bounds import DEFAULT_CELL_BUDGET
from evaluator.economics.parameters import Parameter, ParameterError, ParameterRegistry
from evaluator.economics.parameters import Source as CitedSource
from evaluator.economics.sampling import draws_for
from evaluator.errors import Problem, ProposalError, format_path
from evaluator.models import ParameterValue, Range, Source
from evaluator.models.common import override_numbers
from evaluator.models.result import ParameterUse

if TYPE_CHECKING:
    from evaluator.input_status import InputStatus

FloatArray = npt.NDArray[np.float64]
Path = tuple[str | int, ...]
Locate = Callable[[Path], tuple[str, int, int]]


def cite(source: CitedSource) -> str:
    """One-line citation of a packaged parameter's source."""
    year = f" ({source.year})" if source.year else ""
    return f"{source.author}{year}, {source.title}, {source.where}"


UNCITED = "no source cited"
"""The source of a value the proposal sets without citing one."""


def _uncited(where: str, basis: InputStatus | None) -> str:
    if basis is not None and basis.status in ("illustrative", "assumption"):
        return f"the proposal ({where}), {basis.status}"
    return f"the proposal ({where}), {UNCITED}"


@dataclass
class Draws:
    """Draws for one evaluation; records each input it hands out."""

    seed: int
    n: int
    registry: ParameterRegistry
    overrides: Mapping[str, float | Range | ParameterValue]
    sources: Mapping[str, Source]
    locate: Locate
    uses: dict[str, ParameterUse] = field(default_factory=dict)
    status_of: Callable[[Path], InputStatus] | None = None
    """The basis the proposal states for the number at a path (None: not read from a file)."""
    fixed_uniforms: Mapping[str, FloatArray] = field(default_factory=dict)
    """U(0, 1) values to use instead of the seeded draws, by key (a sensitivity design)."""
    cell_budget: int = DEFAULT_CELL_BUDGET
    """Lines x draws a schedule off the closed form may be evaluated on (evaluator.bounds)."""

    def uniform(self, key: str) -> FloatArray:
        """U(0, 1) draws keyed by ``key``: ``fixed_uniforms[key]`` if given, else seeded."""
        if key in self.fixed_uniforms:
            given = np.asarray(self.fixed_uniforms[key], dtype=np.float64)
            if given.shape != (self.n,):
                raise ValueError(f"{key}: {given.shape} uniforms given for {self.n} draws")
            return given
        return draws_for(key, self.seed, self.n)

    def parameter(self, name: str, needed_at: Path = ()) -> FloatArray:
        """Draws of a model parameter: the proposal's override, else the cited default."""
        if name in self.overrides:
            param = self._known(name, needed_at=("parameters", name))
            unit = param.unit if param is not None else "as documented"
            return self.given(
                name, self.overrides[name], unit=unit, field_path=("parameters", name)
            )
        try:
            param = self.registry.get(name)
        except ParameterError as exc:
            raise self.error(needed_at, str(exc).split(": ", 1)[-1]) from None
        self._record_default(name, param)
        return param.quantiles(self.uniform(name))

    def value(self, name: str, needed_at: Path = ()) -> float:
        """A parameter's point value (its mean under a range override)."""
        return float(np.mean(self.parameter(name, needed_at)))

    def default_parameter(self, name: str, key: str, needed_at: Path) -> FloatArray:
        """Draws of a packaged default under its own key (used for place premia by origin)."""
        try:
            param = self.registry.get(name)
        except ParameterError as exc:
            raise self.error(needed_at, str(exc).split(": ", 1)[-1]) from None
        self._record_default(key, param)
        return param.quantiles(self.uniform(key))

    def place_premium(self, iso3: str, needed_at: Path) -> FloatArray:
        """Place premium of an origin: the proposal's ``parameters:`` override of
        ``place_premium.ISO3`` if any, else the cited one, else an error asking for one."""
        key = f"place_premium.{iso3}"
        if key in self.overrides:
            param = self._known(key, needed_at=("parameters", key))
            unit = param.unit if param is not None else "ratio"
            return self.given(key, self.overrides[key], unit=unit, field_path=("parameters", key))
        try:
            param = self.registry.place_premium_for(iso3)
        except ParameterError as exc:
            raise self.error(needed_at, str(exc)) from None
        self._record_default(key, param)
        return param.quantiles(self.uniform(key))

    def given(
        self,
        key: str,
        value: float | Range | ParameterValue,
        *,
        unit: str,
        field_path: Path,
        source_id: str | None = None,
    ) -> FloatArray:
        """Draws of a value the proposal states: fixed for a number, uniform for a range."""
        low: float | None
        high: float | None
        if isinstance(value, Range):
            u = self.uniform(key)
            draws = value.low + (value.high - value.low) * u
            low, high = value.low, value.high
            kind: Literal["fixed", "uniform"] = "uniform"
            point = 0.5 * (value.low + value.high)
            source_id = value.source or source_id
        else:
            number = value.value if isinstance(value, ParameterValue) else value
            if isinstance(value, ParameterValue):
                source_id = value.source or source_id
            draws = np.full(self.n, float(number))
            low = high = None
            kind, point = "fixed", float(number)
        where = format_path(field_path)
        basis = self.status_of(field_path) if self.status_of is not None else None
        if basis is not None and basis.status == "sourced" and basis.source:
            source_id = basis.source
        cited = self.sources.get(source_id) if source_id else None
        if basis is not None and basis.status in ("illustrative", "assumption"):
            cited = None  # nothing illustrative is credited to a published source
        self.uses.setdefault(
            key,
            ParameterUse(
                name=key,
                value=point,
                low=low,
                high=high,
                distribution=kind,
                unit=unit,
                source=cited.citation if cited else _uncited(where, basis),
                tag="input",
                set_by="proposal",
                field=where,
                status=(basis.status if basis is not None else "not stated")
                if cited is None
                else "sourced",
                status_note=basis.note if basis is not None else None,
            ),
        )
        return np.asarray(draws, dtype=np.float64)

    def error(self, path: Path, message: str) -> ProposalError:
        """A located problem at ``path`` of the proposal."""
        file, line, col = self.locate(path)
        return ProposalError([Problem(file, line, col, format_path(path), message)])

    def check_overrides(self) -> None:
        """Every name under ``parameters:`` must be a parameter the tool knows, and every number
        of an override must lie in the parameter's valid range (each problem at its number)."""
        problems = []
        for name, value in self.overrides.items():
            for relative, message in self.registry.override_problems(name, override_numbers(value)):
                path = ("parameters", name, *relative)
                problems.append(Problem(*self.locate(path), format_path(path), message))
        if problems:
            raise ProposalError(problems)

    def _known(self, name: str, needed_at: Path) -> Parameter | None:
        if name in self.registry:
            return self.registry.get(name)
        if name in self.registry.required_inputs:
            return None
        try:
            self.registry.get(name)
        except ParameterError as exc:
            raise self.error(needed_at, str(exc).split(": ", 1)[-1]) from None
        return None

    def _record_default(self, key: str, param: Parameter) -> None:
        low, high = param.support()
        fixed = param.distribution.kind == "fixed"
        self.uses.setdefault(
            key,
            ParameterUse(
                name=key,
                value=param.value,
                low=None if fixed else low,
                high=None if fixed else high,
                distribution=param.distribution.kind,
                unit=param.unit,
                source=cite(param.source),
                tag=param.tag,
                set_by="default",
                status="default",
            ),
        )
