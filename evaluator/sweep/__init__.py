"""Sweeps: a proposal's design space searched variant by variant (``evaluator sweep``).

:mod:`.spec` is the sweep file, :mod:`.variants` its design points and how each is applied to
the base proposal, :mod:`.run` the evaluation (common random numbers, chunks, local processes
or Dask), :mod:`.files` reading the file and writing the table, :mod:`.sensitive` the
sensitive-list integer program.
"""
