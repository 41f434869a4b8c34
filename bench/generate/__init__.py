"""The benchmark data generator: ``python -m bench.generate --scale 1.0`` (see ``__main__``)."""
