"""Default model parameters as cited data: loading, validation and lookup by name.

The defaults live in ``evaluator/data/parameters.yaml``: every value carries a unit, a
description, a Monte Carlo distribution, a source and a V/D/A tag. Quantities with no cited
default are listed under ``required_inputs``; asking for one raises an error telling the user
which proposal field to fill in. Kernels never see these models: callers read ``value`` or draw
from the distribution and pass plain floats and arrays.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from evaluator.yaml_fast import MapNode, SeqNode, compose

if TYPE_CHECKING:  # numpy is imported only when drawing: `validate` checks overrides without it
    from evaluator.economics.sampling import FloatArray

Tag = Literal["V", "D", "A"]
NAME_PATTERN = r"^[a-z][a-z0-9_]*(\.[A-Z]{3})?$"
PLACE_PREMIUM_PREFIX = "place_premium."
RelativePath = tuple[str, ...]
"""Where a number sits inside a parameter override: ``()``, ``("value",)``, ``("low",)``..."""


class ParameterError(LookupError):
    """A parameter file is invalid, or a parameter was asked for that has no default."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class Source(_Strict):
    """Where a value comes from."""

    title: str = Field(min_length=1)
    author: str = Field(min_length=1)
    year: int | None = None
    where: str = Field(min_length=1, description="Article and pages, report, or URL.")


class Distribution(_Strict):
    """Monte Carlo distribution of a parameter (``fixed`` means no uncertainty)."""

    kind: Literal["uniform", "fixed", "triangular"]
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    low_tag: Tag | None = None
    high_tag: Tag | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Distribution:
        if self.kind == "fixed":
            if self.low is not None or self.high is not None or self.mode is not None:
                raise ValueError("a fixed distribution takes no low, high or mode")
            return self
        if self.low is None or self.high is None or not self.low < self.high:
            raise ValueError(f"a {self.kind} distribution needs low < high")
        if self.kind == "triangular" and (
            self.mode is None or not self.low <= self.mode <= self.high
        ):
            raise ValueError("a triangular distribution needs low <= mode <= high")
        if self.kind == "uniform" and self.mode is not None:
            raise ValueError("a uniform distribution takes no mode")
        return self


class ValidRange(_Strict):
    """The values a parameter may take, in its own unit: overrides are checked against it.

    Inclusive unless ``low_open`` / ``high_open``; ``whole`` asks for whole numbers (a number of
    years the model loops over). ``why`` says where the bounds come from when it is not obvious.
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    whole: bool = False
    why: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> ValidRange:
        if not self.low < self.high:
            raise ValueError(f"a valid range needs low < high, got {self.low:g} and {self.high:g}")
        return self

    def describe(self) -> str:
        """``0 to 0.5``; an open end says ``(excluded)``."""
        low = f"{self.low:g}{' (excluded)' if self.low_open else ''}"
        return f"{low} to {self.high:g}{' (excluded)' if self.high_open else ''}"

    def contains(self, x: float) -> bool:
        """Whether ``x`` lies in the range (bounds and wholeness)."""
        above = self.low < x if self.low_open else self.low <= x
        below = x < self.high if self.high_open else x <= self.high
        return above and below and (not self.whole or float(x).is_integer())

    def problem(self, x: float, unit: str) -> str | None:
        """Why ``x`` is not a valid value, in words; None when it is."""
        if self.contains(x):
            return None
        why = f"; {self.why}" if self.why else ""
        if self.low <= x <= self.high and self.whole and not float(x).is_integer():
            return f"{x:g} is not a whole number: give one from {self.describe()} ({unit})"
        return f"{x:g} is outside the valid range {self.describe()} ({unit}){why}"


class Parameter(_Strict):
    """One default parameter with its provenance."""

    value: float
    unit: str = Field(min_length=1)
    description: str = Field(min_length=1)
    distribution: Distribution
    valid: ValidRange
    source: Source
    other_sources: list[Source] = []
    tag: Tag

    @model_validator(mode="after")
    def _value_in_range(self) -> Parameter:
        d = self.distribution
        if d.low is not None and d.high is not None and not d.low <= self.value <= d.high:
            raise ValueError(f"value {self.value:g} lies outside [{d.low:g}, {d.high:g}]")
        ends = zip(("distribution.low", "distribution.high"), self.support(), strict=True)
        for what, x in (("value", self.value), *ends):
            problem = self.valid.problem(x, self.unit)
            if problem is not None:
                raise ValueError(f"{what}: {problem}")
        return self

    def support(self) -> tuple[float, float]:
        """``(low, high)``; both equal ``value`` for a fixed parameter."""
        d = self.distribution
        if d.kind == "fixed" or d.low is None or d.high is None:
            return self.value, self.value
        return d.low, d.high

    def quantiles(self, u: FloatArray) -> FloatArray:
        """Map U(0,1) draws to this parameter's distribution."""
        from evaluator.economics.sampling import inverse_cdf

        low, high = self.support()
        return inverse_cdf(u, self.distribution.kind, low, high, self.distribution.mode)


class RequiredInput(_Strict):
    """A quantity with no cited default: the proposal must supply it."""

    unit: str = Field(min_length=1)
    proposal_field: str = Field(min_length=1)
    description: str = Field(min_length=1)
    valid: ValidRange | None = None
    """Required when the proposal gives it under ``parameters:`` (its field is ``parameters.*``)."""

    def overridden(self, name: str) -> bool:
        """Whether the proposal gives this input as an override, ``parameters.<name>``."""
        return self.proposal_field == f"parameters.{name}"


class ParameterFile(_Strict):
    """The whole parameters file."""

    schema_version: Literal[1]
    parameters: dict[str, Parameter] = Field(min_length=1)
    required_inputs: dict[str, RequiredInput] = {}

    @model_validator(mode="after")
    def _names(self) -> ParameterFile:
        for name in [*self.parameters, *self.required_inputs]:
            if not re.fullmatch(NAME_PATTERN, name):
                raise ValueError(f"parameter name {name!r} does not match {NAME_PATTERN}")
        both = set(self.parameters) & set(self.required_inputs)
        if both:
            raise ValueError(f"names both defaulted and required: {sorted(both)}")
        for name, req in self.required_inputs.items():
            if req.overridden(name) and req.valid is None:
                raise ValueError(f"required input {name} is set under parameters: give it `valid`")
        return self


def _position(node: Any, loc: tuple[int | str, ...]) -> str:
    """``line:col`` (1-based) of the deepest key of ``loc`` found in the tree read."""
    found = ""
    for key in loc:
        if isinstance(node, MapNode | SeqNode):
            entries = (
                [(e[0], e[1], e[2], e[-1]) for e in node]
                if isinstance(node, MapNode)
                else [(i, line, col, v) for i, (line, col, v) in enumerate(node)]
            )
            hit = next((e for e in entries if e[0] == key), None)
            if hit is None:
                break
            found, node = f"{hit[1] + 1}:{hit[2] + 1}", hit[3]
            continue
        lc = getattr(node, "lc", None)
        if lc is None or not hasattr(node, "__getitem__"):
            break
        try:
            line, col = lc.key(key) if isinstance(key, str) else lc.item(key)
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        found = f"{line + 1}:{col + 1}"
    return found


class ParameterRegistry:
    """Read-only lookup of default parameters by name."""

    def __init__(self, data: ParameterFile, path: str) -> None:
        self._data = data
        self.path = path

    @property
    def names(self) -> tuple[str, ...]:
        """Names of every parameter with a default, sorted."""
        return tuple(sorted(self._data.parameters))

    @property
    def required_inputs(self) -> Mapping[str, RequiredInput]:
        """Quantities with no cited default."""
        return dict(self._data.required_inputs)

    def __contains__(self, name: object) -> bool:
        return name in self._data.parameters

    def get(self, name: str) -> Parameter:
        """Return a parameter, or raise :class:`ParameterError` saying what to do instead."""
        if name in self._data.parameters:
            return self._data.parameters[name]
        if name in self._data.required_inputs:
            req = self._data.required_inputs[name]
            raise ParameterError(
                f"{self.path}: {name} has no cited default; supply `{req.proposal_field}` in the "
                f"proposal ({req.unit}). {req.description}"
            )
        known = [*self._data.parameters, *self._data.required_inputs]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ParameterError(f"{self.path}: unknown parameter {name!r}{hint}")

    def override_problems(
        self, name: str, numbers: Sequence[tuple[RelativePath, float]]
    ) -> list[tuple[RelativePath, str]]:
        """What is wrong with a proposal's override of ``name``, each at a path relative to it.

        ``numbers`` are the override's numbers with their paths (``()`` for a plain number,
        ``("value",)``, ``("low",)`` and ``("high",)``). An unknown name, an input that belongs
        in another proposal field, and a number outside the parameter's valid range are problems.
        """
        valid: ValidRange | None = None
        unit = ""
        if name in self._data.parameters:
            param = self._data.parameters[name]
            valid, unit = param.valid, param.unit
        elif name in self._data.required_inputs:
            req = self._data.required_inputs[name]
            if not req.overridden(name):
                return [
                    (
                        (),
                        f"{name} is not set under parameters: give it as `{req.proposal_field}` "
                        f"({req.unit})",
                    )
                ]
            valid, unit = req.valid, req.unit
        else:
            try:
                self.get(name)
            except ParameterError as exc:
                return [((), str(exc).split(": ", 1)[-1])]
        if valid is None:
            return []
        found = ((path, valid.problem(x, unit)) for path, x in numbers)
        return [(path, message) for path, message in found if message is not None]

    def value(self, name: str) -> float:
        """Point value of a parameter."""
        return self.get(name).value

    def draws(self, name: str, seed: int, n: int) -> FloatArray:
        """``n`` Monte Carlo draws of a parameter, keyed by its name (common random numbers)."""
        from evaluator.economics.sampling import draws_for

        return self.get(name).quantiles(draws_for(name, seed, n))

    def place_premium_for(self, iso3: str) -> Parameter:
        """The cited place premium of an origin, or an error asking for ``place_premium``."""
        name = PLACE_PREMIUM_PREFIX + iso3
        if name not in self._data.parameters:
            cited = sorted(
                k.removeprefix(PLACE_PREMIUM_PREFIX)
                for k in self._data.parameters
                if k.startswith(PLACE_PREMIUM_PREFIX)
            )
            raise ParameterError(
                f"no cited place premium for origin {iso3!r} (cited: {', '.join(cited)}); "
                f"supply `place_premium` for this origin in mobility.origins (a number such as "
                f"6.0, or a {{low, high}} range), with its source"
            )
        return self._data.parameters[name]


def load_parameters(path: str | Path | None = None) -> ParameterRegistry:
    """Load and validate a parameters file (the packaged defaults when ``path`` is None).

    Errors name the file, the ``line:col`` and the dotted key path, e.g.
    ``parameters.yaml:12:5: parameters.remittance_share.unit: Field required``.

    Examples
    --------
    >>> registry = load_parameters()
    >>> registry.value("remittance_share"), registry.get("discount_rate").tag
    (0.15, 'A')
    """
    if path is None:
        ref = resources.files("evaluator") / "data" / "parameters.yaml"
        text, label = ref.read_text(encoding="utf-8"), "evaluator/data/parameters.yaml"
    else:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParameterError(f"{label}: cannot read: {exc}") from exc
    tree: Any = compose(text)  # libyaml's parser when it reads the file as ruamel would
    if tree is None:
        try:
            tree = YAML(typ="rt", pure=True).load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f"{mark.line + 1}:{mark.column + 1}: " if mark is not None else ""
            raise ParameterError(f"{label}:{where}{exc.problem}") from exc
    if not isinstance(tree, dict | MapNode):
        raise ParameterError(f"{label}: the top level must be a mapping with schema_version")
    try:
        data = ParameterFile.model_validate(_plain(tree))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        pos = _position(tree, loc)
        dotted = ".".join(str(p) for p in loc) or "(top level)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ParameterError(
            f"{label}:{pos + ':' if pos else ''} {dotted}: {first['msg']}{more}"
        ) from exc
    return ParameterRegistry(data, label)


def _plain(node: Any) -> Any:
    """The reader's containers and scalars as plain Python values (ints stay ints)."""
    if isinstance(node, MapNode):
        return {str(entry[0]): _plain(entry[-1]) for entry in node}
    if isinstance(node, SeqNode):
        return [_plain(item) for _, _, item in node]
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


@cache
def default_parameters() -> ParameterRegistry:
    """The packaged defaults, loaded once per process (and kept between runs,
    :mod:`evaluator.packaged_cache`)."""
    from evaluator.packaged_cache import cached

    packaged = Path(str(resources.files("evaluator"))) / "data" / "parameters.yaml"
    return cached("parameters", [packaged], load_parameters)
