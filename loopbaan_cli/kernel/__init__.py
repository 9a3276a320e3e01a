"""The base every room may use: errors, paths, YAML with positions, values, the printer."""
