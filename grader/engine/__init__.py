"""The engine: one async runner that every entry point grades through."""

from grader.engine.drive import make_call, run_async
from grader.engine.runner import Hooks, Job, Outcome, grade, grade_all, grade_many

__all__ = ["Hooks", "Job", "Outcome", "grade", "grade_all", "grade_many", "make_call", "run_async"]
