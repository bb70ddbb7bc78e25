"""Rubrics as data: rules over proposal fields, score scales and weight profiles."""
