"""Supervision records in the admin: site editors keep all of them; a member adds their own and
corrects the ones that name them (as supervisor or as student), through review."""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from labsite.groups import scoping
from labsite.groups.admin import only_the_groups_records
from labsite.groups.forms import GroupRecordForm
from labsite.partial_dates import PartialDatesForm
from people.profiles.member_permissions import member_person_id
from people.supervision.models import Supervision

#: What a member may do with supervision records beyond Django's model permissions.
MEMBER_ACTIONS = frozenset({"add", "change", "view"})


def naming(person_id):
    """Supervision records that name the person as a supervisor or as the student."""
    return Supervision.objects.filter(
        Q(supervisors__person_id=person_id) | Q(student_id=person_id)
    ).distinct()


def is_member_only(user) -> bool:
    """A linked member without the editors' model permission (so limited to their own records)."""
    return not user.has_perm("people.change_supervision") and member_person_id(user) is not None


class SupervisionPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions for editors; for members, their own records and never publish."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in MEMBER_ACTIONS and member_person_id(user) is not None

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            # An editor keeps their own group's records (and reads the shared ones).
            if action == "view":
                return scoping.may_see(user, instance)
            return scoping.may_change(user, instance)
        person_id = member_person_id(user)
        if action not in MEMBER_ACTIONS or person_id is None or instance.pk is None:
            return False
        # The database, not the instance: the edit view holds the latest draft, and a draft
        # naming the member must not be what lets them in.
        return naming(person_id).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if any(super().user_has_permission(user, action) for action in actions):
            return scoping.scope(Supervision.objects.all(), user, shared=set(actions) <= {"view"})
        person_id = member_person_id(user)
        if person_id is None or not MEMBER_ACTIONS.intersection(actions):
            return Supervision.objects.none()
        return naming(person_id)


def only_records_naming_the_member(view):
    """Wrap a view of one record (its URL has ``pk``): a member reaches only records naming
    them. Wagtail's generic views check the model permission; this is the per-record one, for
    every view the viewset makes (edit, history, revisions, preview, workflow...)."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and is_member_only(request.user):
            person_id = member_person_id(request.user)
            if not naming(person_id).filter(pk=unquote(str(pk))).exists():
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class SupervisionForm(PartialDatesForm, GroupRecordForm):
    """A member's new or changed record must still name them, or they could not see it again.
    Its dates are typed as known: "2019", "October 2019", "2019-10-01"."""

    def is_valid(self):
        # After the supervisors' formset is validated (ClusterForm validates it after clean()).
        valid = super().is_valid()
        user = getattr(self, "for_user", None)
        if valid and user is not None and is_member_only(user) and not self._names(user):
            self.add_error(
                None,
                _(
                    "Add yourself as a supervisor (or as the student): you can keep only the "
                    "supervision records that name you. A site editor can add any other."
                ),
            )
            return False
        return valid

    def _names(self, user) -> bool:
        person_id = member_person_id(user)
        student = self.cleaned_data.get("student")
        if student is not None and student.pk == person_id:
            return True
        supervisors = self.formsets.get("supervisors")
        for form in supervisors.forms if supervisors else []:
            data = getattr(form, "cleaned_data", None) or {}
            person = data.get("person")
            if not data.get("DELETE") and person is not None and person.pk == person_id:
                return True
        return False


class SupervisionViewSet(SnippetViewSet):
    model = Supervision
    icon = "group"
    menu_label = _("Supervision records")
    add_to_admin_menu = False
    list_display = [
        Column("student_label", label=_("Student")),
        Column("degree_label", label=_("Degree")),
        Column("when", label=_("When")),
        UpdatedAtColumn(),
    ]
    list_filter = ["degree", "completed", "offered"]

    def get_queryset(self, request):
        queryset = scoping.scope(Supervision.objects.select_related("student"), request.user)
        if is_member_only(request.user):
            return queryset.filter(pk__in=naming(member_person_id(request.user)).values("pk"))
        return queryset

    def construct_view(self, view_class, **kwargs):
        view = only_records_naming_the_member(super().construct_view(view_class, **kwargs))
        return only_the_groups_records(view, Supervision)

    def get_edit_handler(self):
        return ObjectList(Supervision.panels, base_form_class=SupervisionForm).bind_to_model(
            Supervision
        )
