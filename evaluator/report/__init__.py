"""The brief: charts and the pieces of the rendered document."""
