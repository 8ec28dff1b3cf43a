"""Benchmarks that print figures, and the synthetic demo table they share with the tests."""
