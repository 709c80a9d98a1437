"""The data layer's refusals, in their own module so readers, writers and their checks can all raise them."""

from __future__ import annotations

import errno
import re
from pathlib import Path


class ReadError(ValueError):
    """The file cannot be read as a table; the message is Dutch and says what and where."""


class WriteError(OSError):
    """A file could not be written (disk full, size limit, read-only, no rights). The Dutch message names what
    could not be written, where, why, and what the operator can do; the command has changed nothing.
    An OSError (it is one), but never wrapped again."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


# errno -> (what happened, what to do), in Dutch for the operator.
_CAUSES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("de schijf is vol", "Maak ruimte vrij op de schijf en probeer het opnieuw."),
    errno.EDQUOT: ("het schijfquotum is op", "Maak ruimte vrij of vraag een groter quotum en probeer het opnieuw."),
    errno.EFBIG: (
        "het bestand wordt groter dan dit proces mag schrijven (bestandsgrootte-limiet, ulimit -f)",
        "Hef de limiet op (ulimit -f unlimited) of maak ruimte vrij en probeer het opnieuw.",
    ),
    errno.EROFS: (
        "de map staat alleen-lezen",
        "Koppel het volume schrijfbaar (of draai de opdracht op de machine die de data beheert).",
    ),
    errno.EACCES: (
        "geen schrijfrechten",
        "Geef de gebruiker die de opdracht draait schrijfrechten op deze map, of draai de opdracht als de eigenaar.",
    ),
    errno.EPERM: (
        "geen toestemming",
        "Geef de gebruiker die de opdracht draait schrijfrechten op deze map, of draai de opdracht als de eigenaar.",
    ),
}
_ERRNO_IN_TEXT = re.compile(r"\[errno (\d+)\]", re.IGNORECASE)


def error_number(err: OSError) -> int | None:
    """The errno of an OSError; pyarrow puts it only in its message ('[Errno 27] Error writing bytes ...')."""
    if err.errno:
        return err.errno
    found = _ERRNO_IN_TEXT.search(str(err))
    return int(found.group(1)) if found else None


def write_error(err: OSError, what: str, where: Path) -> WriteError:
    """A Dutch WriteError for an OSError while writing `what` at `where`."""
    number = error_number(err)
    cause, advice = _CAUSES.get(number or 0, (err.strerror or str(err), "Los de oorzaak op en probeer het opnieuw."))
    return WriteError(f"{what} kon niet worden geschreven ({where}): {cause}. {advice}")


class BrokenData(RuntimeError):
    """The data a command would build on cannot be read (a missing, cut-off or changed file, a broken HUIDIG);
    the Dutch message names the files and what to do. Nothing was written."""
