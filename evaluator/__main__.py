"""``python -m evaluator`` runs the command-line tool."""

from evaluator.cli import main

main()
