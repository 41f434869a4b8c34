"""The task scoreboard: per unit, the tasks assigned, done on time / late, overdue, in progress
and not yet due, and the reports not sent or sent late, for any period and set of documents.

Import from the submodules (this package stays empty so that models can use its choices):

- :mod:`~egov.directives.scoreboard.services`: ``scoreboard_refresh_tasks(task_ids)`` (called by
  the task services after commit), ``scoreboard_refresh_tasks_on_commit``,
  ``scoreboard_settle`` (daily), ``scoreboard_rebuild``;
- :mod:`~egov.directives.scoreboard.selectors`: the rows per unit; :mod:`.lists`: the lists
  behind each number, the documents to choose from, the roll-up's status;
- :mod:`~egov.directives.scoreboard.rules`: pure rules (buckets, settling);
- :mod:`.tallies` and :mod:`.cells`: how the roll-up is computed and recounted;
- :mod:`~egov.directives.scoreboard.export`: the xlsx workbook and the chart geometry.
"""
