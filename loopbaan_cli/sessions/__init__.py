"""What was said: conversations on disk (atomic writes, seal, locks, listing)."""
