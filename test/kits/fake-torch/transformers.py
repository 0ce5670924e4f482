"""Stands in for an absent transformers, so the probe's decode test behaves the same wherever it runs."""

raise ImportError("transformers is hidden in this test")
