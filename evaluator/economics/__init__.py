"""The economic models, each one component in one place, and what they share.

Packages: :mod:`tariffs` (preferential partial equilibrium per tariff line, the export side,
phase-in) and :mod:`mobility` (visa schemes). Modules: :mod:`cross_checks` (the ACR gains-from-trade
check and Kremer-Maskin skill matching as components), :mod:`component` (the interface
``evaluate()`` iterates over), :mod:`gains_from_trade` (ACR), :mod:`matching` (Kremer-Maskin
teams), :mod:`sampling` (common random numbers) and :mod:`parameters` (the cited defaults in
``evaluator/data/parameters.yaml``). Nothing here prints; randomness comes only from explicit
generators.
"""
