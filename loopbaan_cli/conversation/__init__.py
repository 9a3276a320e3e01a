"""The flows of a conversation, driven through an `ask` callable; no printing."""
