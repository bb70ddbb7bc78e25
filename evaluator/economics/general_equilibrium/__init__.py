"""The general-equilibrium check: Caliendo & Parro (2015), solved in changes.

* :mod:`.model`: calibration, the solver and the welfare decomposition (pure numpy);
* :mod:`.scenario`: a proposal's tariff changes applied to a dataset's baseline;
* :mod:`.component`: the model component that :func:`evaluator.evaluation.evaluate` runs.
"""
