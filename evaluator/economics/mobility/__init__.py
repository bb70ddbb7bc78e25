"""The labor-mobility model, in one place: visa schemes through the place premium.

* :mod:`.kernels`: per-worker and per-scheme formulas (place premium, wage effects, surplus);
* :mod:`.outcome`: a scheme under the draws, per origin;
* :mod:`.component`: the model component: metrics, winners and losers, notes, levers, methods.
"""
