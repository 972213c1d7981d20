"""Grading one transcript: options, prompts, structured calls, evidence, scorecard."""
