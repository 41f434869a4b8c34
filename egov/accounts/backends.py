"""Log in with an e-mail address or a phone number and a password."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from egov.accounts.models import User
from egov.accounts.rules import normalize_identifier


class IdentifierBackend(ModelBackend):
    """Finds the account by e-mail (if the identifier has an @) or by normalised phone number."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> User | None:
        if not username or not password:
            return None
        field = "email" if "@" in username else "phone"
        user = User.objects.filter(**{field: normalize_identifier(username)}).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
