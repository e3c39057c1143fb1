"""Errors the CLI maps to exit codes and one-line messages."""


class FeedsError(Exception):
    """Base class: anything the user can fix (bad config, bad arguments)."""


class CaptureError(FeedsError):
    """A capture that cannot be used; the message names the reason, the build goes on."""
