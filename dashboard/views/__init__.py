"""Views: one object per page section, built in one place from the cached data and the filter values.

A view holds everything its section shows (heading, frame, figure, table columns, CSV name, source line), so the
heading, the chart, the table, the CSV and the source line can never disagree. Views know no widgets: the page
passes the filter values and the session's upload in, so the warm-up (dashboard/warmup.py) builds the same views
at server start by calling each module's `warm()`.
"""
