"""The reader's refusal, in its own module so the reader and its limit checks can both raise it."""


class ReadError(ValueError):
    """The file cannot be read as a table; the message is Dutch and says what and where."""
