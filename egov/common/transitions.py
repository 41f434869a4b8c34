"""Declared state transitions: which actions an entity allows in which state. Pure, no ORM.

Each app declares one :class:`TransitionTable` per entity in its ``rules.py``. The service that
changes the state asks the table (:meth:`TransitionTable.check`, by the transition's name), and
the page that lists the actions open to a person asks the same table
(:meth:`TransitionTable.can`, :meth:`TransitionTable.available`) before its permission check,
so a page never offers an action the service refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from egov.common.exceptions import DomainError


class WrongState(DomainError):
    """The action is not possible in the entity's current state."""

    code = "wrong_state"
    status = 409


@dataclass(frozen=True)
class Transition:
    """An action allowed from ``sources``; it moves the entity to ``target`` (``None``: the
    entity stays in the state it is in, e.g. editing a draft). ``message`` replaces the
    table's refusal for this action (it may use ``%(status)s``)."""

    name: str
    sources: frozenset[str]
    target: str | None = None
    message: str | None = None

    def __init__(
        self,
        name: str,
        sources: Iterable[str],
        target: str | None = None,
        *,
        message: str | None = None,
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", None if target is None else str(target))
        object.__setattr__(self, "message", message)


class TransitionTable:
    """The transitions of one entity, by name.

    ``label`` turns a state into the words the refusal shows (e.g. the choice's label);
    ``message`` is the refusal, with ``%(status)s`` for that label; ``error`` its class."""

    def __init__(
        self,
        *transitions: Transition,
        label: Callable[[str], str] = str,
        message: str = gettext_lazy("This is not possible while the item is %(status)s."),
        error: type[DomainError] = WrongState,
    ) -> None:
        self._by_name: dict[str, Transition] = {}
        for transition in transitions:
            if transition.name in self._by_name:
                raise ValueError(f"Transition {transition.name!r} is declared twice.")
            self._by_name[transition.name] = transition
        self.label, self.message, self.error = label, message, error

    def __getitem__(self, name: str) -> Transition:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def can(self, name: str, state: str) -> bool:
        """Whether ``name`` is allowed from ``state`` (an unknown name raises ``KeyError``)."""
        return str(state) in self._by_name[name].sources

    def available(self, state: str) -> frozenset[str]:
        """The names of the transitions allowed from ``state``."""
        return frozenset(n for n, t in self._by_name.items() if str(state) in t.sources)

    def check(self, name: str, state: str) -> Transition:
        """The transition ``name`` if allowed from ``state``; otherwise the table's error."""
        transition = self._by_name[name]
        if str(state) not in transition.sources:
            message = transition.message or self.message
            raise self.error(message % {"status": self.label(state)})
        return transition

    def target(self, name: str, state: str) -> str:
        """The state after ``name`` from ``state`` (checked)."""
        transition = self.check(name, state)
        return str(state) if transition.target is None else transition.target
