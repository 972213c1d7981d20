"""Calibration audit of human graders (and the model) over a ratings file."""
