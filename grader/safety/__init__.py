"""Safety: flagging injected instructions, setting them aside, and redacting personal data."""
