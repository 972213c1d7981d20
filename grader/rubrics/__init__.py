"""Rubrics: the ordered level scale and rubric files (dimensions, descriptors, questions)."""
