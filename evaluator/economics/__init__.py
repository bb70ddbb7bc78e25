"""Economic kernels: pure numpy functions of arrays and floats, and their cited parameters.

Modules: :mod:`tariffs` (efficiency, redistribution, PCBR of tariff changes), :mod:`phase_in`
(staged cuts, present value), :mod:`tariff_draws` (Monte Carlo over elasticities without a
lines x draws matrix), :mod:`gains_from_trade` (ACR), :mod:`mobility` (visa schemes),
:mod:`matching` (Kremer-Maskin teams), :mod:`sampling` (common random numbers) and
:mod:`parameters` (the cited defaults in ``evaluator/data/parameters.yaml``).
Nothing here reads proposals or prints; randomness comes only from explicit generators.
"""
