"""Errors the CLI maps to exit codes and one-line messages."""


class FeedsError(Exception):
    """Base class: anything the user can fix (bad config, bad arguments)."""

    exit_status = 2  # what the CLI exits with; subclasses may say otherwise


class CaptureError(FeedsError):
    """A capture that cannot be used; the message names the reason, the build goes on."""
