"""Helpers of tests/dev.py (the developer harness); not tests themselves."""
