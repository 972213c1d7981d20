"""Renderers: scorecards, audits and eval reports as text, Markdown, JSON and HTML."""
