"""The grammar that every reader and the resolver share: month and weekday names in the
languages pages are written in (``languages``), the date forms pages print (``dates``), and
the shape of bylines and datelines (``bylines``). It comes before every stage that reads
text, so the HTML and text readers recognise a date line with the same rules the resolver
reads it with.
"""
