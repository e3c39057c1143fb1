"""What one build keeps for the next, so a rebuild does only the work its inputs ask for:
the state (``state``, its records in ``records``, split by site in ``partition``), the
article store of parsed captures (``store``), their compact encoding (``codec``) and the
no-change build (``shortcut``)."""
