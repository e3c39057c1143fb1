"""Parse: one capture -> one ``Article``.

Plain text (``textreader`` chooses among the header-first rules of ``textparse`` and the
full-page and reader-view readers of ``textpage``, helped by the line classifier
``textlines`` and the site ranker ``textsite``) and HTML (``htmlparse``, with ``htmldoc``,
``htmlbody``, ``htmlmeta``, ``htmlheadline``, and the markup's date statements from
``htmldates`` and ``htmldate_source``).
"""
