"""Calibration: how indicator answers map to levels, and fitting that mapping."""
