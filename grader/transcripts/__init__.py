"""Transcripts: loading and formats, speaker roles, chunking, token counts, text features."""
