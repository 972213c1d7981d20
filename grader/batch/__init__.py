"""Batch grading: the shared runner, inputs, results files, resume and the Batch API."""
