"""Events of the workflow engine for the apps above it (onestop, documents, feedback...).

Every signal is sent by a service inside its transaction, after the state change, with
``sender=ProcessInstance`` and ``instance=`` the instance. Receivers live in the domain app's
``handlers.py`` and may write their own rows in the same transaction; an exception rolls the
whole action back.

- ``step_entered``: ``step`` (the new open :class:`StepInstance`), ``via`` (a ``StepAction``)
- ``step_assigned``: ``step``, ``assignee``
- ``instance_paused``: ``pause``
- ``instance_resumed``: ``pause`` (closed), ``restarted`` (bool)
- ``instance_finished``: ``outcome``
- ``instance_cancelled``: ``reason``
- ``due_reset``: ``old_due_at``, ``new_due_at``, ``reason``
"""

from django.dispatch import Signal

step_entered = Signal()
step_assigned = Signal()
instance_paused = Signal()
instance_resumed = Signal()
instance_finished = Signal()
instance_cancelled = Signal()
due_reset = Signal()
