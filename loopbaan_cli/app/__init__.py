"""One use case per command: locks, the store, the library and the flows together."""
