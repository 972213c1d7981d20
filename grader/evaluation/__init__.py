"""The eval harness: grade labelled transcripts and measure agreement with their labels."""
