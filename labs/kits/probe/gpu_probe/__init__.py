"""Goodput GPU probe: measures a GPU's achievable bandwidth, matmul throughput and decode step time."""

KIT_VERSION = "1.0.0"
SCHEMA = "probe-result/v1"
