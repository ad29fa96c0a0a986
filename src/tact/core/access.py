"""Who sees and who edits what: the one place where access rules live.

Rules (fail closed: anything not granted here is denied):

============  ==================================  =====================================
record        who may see it                      who may edit it
============  ==================================  =====================================
public        everyone, anonymous included        secretariat; members of the owner
restricted    secretariat, evaluators, members    secretariat; members of the owner
              of the owner state/organisation     (focal points, donors); its author
confidential  secretariat, members of the owner   secretariat; members of the owner
============  ==================================  =====================================

"Members of the owner" are focal points bound to the owner state and donors bound to the
owner organisation. Readers (logged in, no scope) see what the public sees.

Which row of the table applies is decided by the model's declaration (`core.protection`):
a classified record by its own classification; a record that inherits (a finding, a
transaction, a mapping's evidence) by its parent's, walking up to the classified ancestor;
public reference data is seen by everyone and edited by the secretariat; internal records
(accounts, audit, import runs) by the secretariat only; an undeclared model by nobody.

Each app's `permissions.py` builds its `access_<entity>` / `can_<verb>_<entity>` helpers on
these functions; views, API, services, links, history and search call those helpers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Union, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification
from tact.core.prepared import Prepared
from tact.core.protection import protection_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tact.accounts.models import User

M = TypeVar("M", bound=models.Model)


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    FOCAL_POINT = "focal_point", _("State focal point")
    DONOR = "donor", _("Donor")
    EVALUATOR = "evaluator", _("Evaluator")
    READER = "reader", _("Reader")


@dataclass(frozen=True)
class Scope:
    """What an actor is: role plus the states and organisations it acts for."""

    authenticated: bool
    role: str | None
    state_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    user_id: int | None = None

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def can_write_anything(self) -> bool:
        return self.authenticated and self.role in {
            Role.SECRETARIAT,
            Role.FOCAL_POINT,
            Role.DONOR,
            Role.EVALUATOR,
        }


NOTHING = Q(pk__in=[])
ANONYMOUS = Scope(authenticated=False, role=None)
SYSTEM_SCOPE = Scope(authenticated=True, role=Role.SECRETARIAT)


class SystemActor:
    """The actor of command-line and background jobs run by an operator: secretariat rights,
    audited as 'system'."""

    is_authenticated = True
    is_superuser = True
    pk = None

    def get_username(self) -> str:
        return "system"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()

# Whoever acts: a signed-in user, the anonymous visitor (or None, treated as anonymous), or
# the operator's system actor.
Actor = Union["User", "AnonymousUser", SystemActor, None]


def scope_of(user: User | AnonymousUser | SystemActor | None) -> Scope:
    """The actor's scope, cached on the user object for the request."""
    if isinstance(user, SystemActor):
        return SYSTEM_SCOPE
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached: Scope | None = getattr(user, "_tact_scope", None)
    if cached is not None:
        return cached
    role = Role.SECRETARIAT.value if user.is_superuser else user.role
    state_ids = frozenset(user.state_memberships.values_list("state_id", flat=True))
    organisation_ids = frozenset([user.organisation_id]) if user.organisation_id else frozenset()
    scope = Scope(
        authenticated=True,
        role=role,
        state_ids=state_ids,
        organisation_ids=organisation_ids,
        user_id=user.pk,
    )
    setattr(user, "_tact_scope", scope)  # noqa: B010 (cache on the request's user)
    return scope


def access_profile(user: Actor) -> str:
    """What decides which records the viewer sees: the same string for every anonymous
    visitor and for every secretariat member; otherwise the user's own scope (role, states,
    organisations), so that a changed role or membership is a different profile. Stored
    figures and cached pages are kept per profile, never shared across profiles."""
    scope = scope_of(user)
    if not scope.authenticated:
        return "public"
    if scope.is_secretariat:
        return "all"
    text = json.dumps(
        [scope.role, scope.user_id, sorted(scope.state_ids), sorted(scope.organisation_ids)]
    )
    return "u" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def _member_q(scope: Scope, prefix: str) -> Q:
    q = NOTHING
    if scope.role == Role.FOCAL_POINT and scope.state_ids:
        q |= Q(**{f"{prefix}owner_state_id__in": scope.state_ids})
    if scope.role == Role.DONOR and scope.organisation_ids:
        q |= Q(**{f"{prefix}owner_organisation_id__in": scope.organisation_ids})
    return q


def visible_q(user: Any, *, prefix: str = "") -> Q:
    """A filter selecting the classified records `user` may see (prefix for related lookups)."""
    scope = scope_of(user)
    public = Q(**{f"{prefix}classification": Classification.PUBLIC})
    if not scope.authenticated:
        return public
    if scope.is_secretariat:
        return Q()
    mine = Q(**{f"{prefix}created_by_id": scope.user_id})
    q = public | mine | _member_q(scope, prefix)
    if scope.role == Role.EVALUATOR:
        q |= Q(**{f"{prefix}classification": Classification.RESTRICTED})
    return q


def declared_q(user: Any, model: type[models.Model], *, prefix: str = "") -> Q:
    """A filter selecting the records of `model` that `user` may see, from its declaration.

    Records that inherit their protection are filtered through the foreign key to their
    parent (recursively, so an indicator period follows indicator -> node -> framework);
    a model with no declaration selects nothing.
    """
    declared = protection_of(model)
    if declared is None:
        return NOTHING
    if declared.kind == "classified":
        return visible_q(user, prefix=prefix)
    if declared.kind == "public":
        return Q()
    if declared.kind == "internal":
        return Q() if scope_of(user).is_secretariat else NOTHING
    q = Q()
    for parent in declared.parents:
        parent_model = _parent_model(model, parent)
        q &= declared_q(user, parent_model, prefix=f"{prefix}{parent}__")
    return q


def visible(user: Any, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """The records of `queryset` that `user` may see, whatever the model's declaration."""
    return queryset.filter(declared_q(user, queryset.model))


def protected_ancestors(obj: Any) -> list[Any] | None:
    """The records whose protection decides about `obj` (itself unless it inherits); None
    when a parent link is empty."""
    declared = protection_of(obj)
    if declared is None or declared.kind != "inherits":
        return [obj]
    found: list[Any] = []
    for parent in declared.parents:
        record = getattr(obj, parent, None)
        above = protected_ancestors(record) if record is not None else None
        if above is None:
            return None
        found.extend(above)
    return found


def _is_member(scope: Scope, obj: Any) -> bool:
    if scope.role == Role.FOCAL_POINT and getattr(obj, "owner_state_id", None) in scope.state_ids:
        return True
    return (
        scope.role == Role.DONOR
        and getattr(obj, "owner_organisation_id", None) in scope.organisation_ids
    )


def can_view(user: Any, obj: Any) -> bool:
    """May `user` see `obj`? Decided by the model's declaration; undeclared means no."""
    scope = scope_of(user)
    ancestors = protected_ancestors(obj)
    if ancestors is None:
        return scope.is_secretariat
    return all(_may_see(scope, record) for record in ancestors)


def _may_see(scope: Scope, record: Any) -> bool:
    declared = protection_of(record)
    if declared is None:
        return False
    if declared.kind == "public":
        return True
    if declared.kind == "internal":
        return scope.is_secretariat
    classification = getattr(record, "classification", Classification.RESTRICTED)
    if classification == Classification.PUBLIC:
        return True
    if not scope.authenticated:
        return False
    if scope.is_secretariat or _is_member(scope, record):
        return True
    if scope.user_id is not None and getattr(record, "created_by_id", None) == scope.user_id:
        return True
    return scope.role == Role.EVALUATOR and classification == Classification.RESTRICTED


def can_edit(user: Any, obj: Any) -> bool:
    """May `user` change `obj`? A record that inherits is editable with its parent(s)."""
    scope = scope_of(user)
    if not scope.can_write_anything:
        return False
    ancestors = protected_ancestors(obj)
    if ancestors is None:
        return scope.is_secretariat
    return all(_may_edit(scope, record) for record in ancestors)


def _may_edit(scope: Scope, obj: Any) -> bool:
    declared = protection_of(obj)
    if declared is None:
        return False
    if declared.kind == "internal":
        return scope.is_secretariat
    if scope.is_secretariat or _is_member(scope, obj):
        return True
    return scope.user_id is not None and getattr(obj, "created_by_id", None) == scope.user_id


def can_create_for(
    user: Any, *, owner_state_id: int | None = None, owner_organisation_id: int | None = None
) -> bool:
    """May `user` create a record owned by this state and/or organisation?

    Focal points create for their own states, donors for their own organisation, evaluators
    only records without an owner (they own them as author); the secretariat creates anything.
    """
    scope = scope_of(user)
    if not scope.can_write_anything:
        return False
    if scope.is_secretariat:
        return True
    if scope.role == Role.FOCAL_POINT:
        return owner_state_id is not None and owner_state_id in scope.state_ids
    if scope.role == Role.DONOR:
        return owner_organisation_id is not None and owner_organisation_id in scope.organisation_ids
    return owner_state_id is None and owner_organisation_id is None


def author_of(actor: Any) -> Any:
    """The user to store as a record's author: None for the system actor and the anonymous."""
    return actor if getattr(actor, "is_authenticated", False) and actor.pk is not None else None


def require_secretariat(user: Any) -> None:
    if not scope_of(user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat may do this."))


def require_edit(user: Any, obj: Any) -> None:
    if not can_edit(user, obj):
        raise PermissionDenied(_("You may not change this record."))


def require_writer(user: Any) -> None:
    if not scope_of(user).can_write_anything:
        raise PermissionDenied(_("Your role may not change records."))


def get_visible_or_404(user: Any, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """Fetch one record the user may see; 'missing' and 'forbidden' look the same (404)."""
    model = queryset.model
    queryset = visible(user, queryset)
    try:
        return queryset.get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError) as exc:  # type: ignore[attr-defined]
        # A malformed key ("", "abc") names no record either.
        raise Http404(_("No such record.")) from exc


def access_record(
    actor: Actor, queryset: models.QuerySet[M], pk: Any, *, for_edit: bool = False
) -> M:
    """Fetch-and-check in one call, the base of every app's `permissions.access_<entity>`.

    A record the actor may not see is a 404 exactly like a missing one; with `for_edit`, a
    record the actor sees but may not change is a 403 (PermissionDenied).
    """
    record = get_visible_or_404(actor, queryset, pk=pk)
    if for_edit:
        require_edit(actor, record)
    return record


class PreparedRecords(Generic[M]):
    """:func:`access_record` for one fixed queryset, compiled once (``core.prepared``) for
    the two viewers whose filter names nobody: the public and the secretariat.

    Why: a cold record page at registry scale spent more CPU compiling the record's query
    than the database spent answering it (issue 19), and most views of a public record are
    anonymous. The filters are still those of :func:`visible` (compiled with the anonymous
    and the system actor, whose filters hold no user's ids); every other viewer, and any
    key that is not a plain positive integer, goes through :func:`access_record` as before.
    """

    def __init__(self, build: Callable[[], models.QuerySet[M]]) -> None:
        self._build = build
        self._public = Prepared(lambda key: visible(None, build()).filter(pk=key))
        self._everything = Prepared(lambda key: visible(SYSTEM, build()).filter(pk=key))

    def get(self, actor: Actor, pk: Any, *, for_edit: bool = False) -> M:
        scope = scope_of(actor)
        prepared = (
            self._public
            if not scope.authenticated
            else self._everything
            if scope.is_secretariat
            else None
        )
        if prepared is None or type(pk) is not int or not 0 < pk < 2**31:
            return access_record(actor, self._build(), pk, for_edit=for_edit)
        found = prepared(pk)
        if not found:
            raise Http404(_("No such record."))
        if for_edit:
            require_edit(actor, found[0])
        return cast(M, found[0])


def _parent_model(model: type[models.Model], parent: str) -> type[models.Model]:
    related = model._meta.get_field(parent).related_model
    if related is None or isinstance(related, str):
        raise TypeError(f"{model._meta.label}.{parent} is not a foreign key to a model")
    return related
