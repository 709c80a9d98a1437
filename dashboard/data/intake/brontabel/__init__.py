"""A "Brontabel als csv" of OCW in cijfers: read by its shape (table), the options of its
commands (options), region names to codes (names) and the rows it becomes (rows)."""
