"""Statistics over ordinal levels: agreement, reliability, bootstrap intervals."""
