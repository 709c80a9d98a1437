"""What goes out: the one filter of page CSVs and API, the file formats, the data package, the licences,
what a build changes and the releases, and the dataset as the API reads it. Imports the store and the model."""
