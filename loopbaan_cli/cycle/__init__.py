"""Rules across conversations: who is due, what became of agreements."""
