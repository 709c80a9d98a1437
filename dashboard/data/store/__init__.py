"""What is on disk: the write lock and atomic writes, manifests and their checks, the generations of own
data and the transactions between them, and reading the dataset. Imports only the model."""
