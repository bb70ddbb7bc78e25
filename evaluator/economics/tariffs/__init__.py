"""The tariff model, in one place: a preferential partial-equilibrium model of a tariff schedule.

* :mod:`.kernels`: single-market formulas (creation, triangles, revenue, PCBR, cut formulas);
* :mod:`.preferential`: SMART's creation and diversion, Meade welfare, the export side;
* :mod:`.phase_in`: staged cuts and present values;
* :mod:`.inputs`: a schedule as arrays, with each uncertain input's range;
* :mod:`.outcome`: a schedule under the draws (totals per draw, per-line means);
* :mod:`.exports`: the export side under the draws;
* :mod:`.component`: the model component that :func:`evaluator.evaluation.evaluate` runs: metrics,
  winners and losers, chart data, notes, levers and methods text.
"""
