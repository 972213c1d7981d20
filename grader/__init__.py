"""transcript-grader: grade interview transcripts against an anchored rubric."""

__version__ = "0.1.0"
