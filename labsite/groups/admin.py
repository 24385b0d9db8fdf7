"""Admin views for records that belong to a group: each group's editors list, choose and change
their own group's records (and see the shared ones), never another group's.

A model opts in with a ``site`` foreign key (null: shared by every group), ``panels`` that
include ``FieldPanel("site")`` and ``base_form_class = GroupRecordForm``, and is registered with
a ``GroupSnippetViewSet``. ``labsite.groups.scoping`` decides who works for which group.
"""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic import InspectView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from labsite.groups import scoping


class GroupRecordPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the records of the user's groups."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in ("view", "choose"):
            return scoping.may_see(user, instance)
        return scoping.may_change(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"view", "choose"}:
            return scoping.scope(instances, user)
        return scoping.scope(instances, user, shared=False)


class _ScopedChoices:
    def get_object_list(self):
        return scoping.scope(super().get_object_list(), self.request.user)


class _CreatesForTheUser:
    """The chooser's "Create" tab is the record's own admin form, given the user, so its group
    field offers (and for a one-group editor, fills in) the editor's groups."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}


class ScopedChooseView(_ScopedChoices, _CreatesForTheUser, snippet_chooser.ChooseView):
    pass


class ScopedCreateView(_CreatesForTheUser, snippet_chooser.SnippetCreateView):
    pass


class ScopedChooseResultsView(_ScopedChoices, snippet_chooser.ChooseResultsView):
    pass


class ScopedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    create_view_class = ScopedCreateView


def only_the_groups_records(view, model, read_only=False):
    """Wrap a view of one record (its URL has ``pk``) so that it answers only for records the
    user's groups own: Wagtail's generic edit, history and revision views check the model
    permission, not the record's group."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not scoping.works_for_every_group(request.user):
            record = model._default_manager.filter(pk=unquote(str(pk))).first()
            if record is not None:
                action = "view" if read_only else "change"
                policy = policy_registry.get_by_type(model)
                if not policy.user_has_permission_for_instance(request.user, action, record):
                    raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class GroupRecordViews:
    """For viewsets of records that belong to groups: listing and one-record views scoped."""

    def get_queryset(self, request):
        return scoping.scope(self.model._default_manager.all(), request.user)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        read_only = issubclass(view_class, InspectView)
        return only_the_groups_records(view, self.model, read_only=read_only)


class GroupSnippetViewSet(GroupRecordViews, SnippetViewSet):
    chooser_viewset_class = ScopedChooserViewSet

    @property
    def chooser_viewset(self):
        # Choosers that create: an external co-supervisor, a funding programme or a grant is
        # added from the form that needs it, not from a second form in another tab.
        viewset = super().chooser_viewset
        viewset.creation_form_class = self.get_edit_handler().get_form_class()
        return viewset


def register_group_snippet(model, viewset_class=GroupSnippetViewSet, **attrs):
    """Register ``model`` as a snippet whose records belong to groups."""
    from wagtail.permissions import register_permission_policy
    from wagtail.snippets.models import register_snippet

    register_permission_policy(model, GroupRecordPermissionPolicy(model))
    viewset = type(f"{model.__name__}ViewSet", (viewset_class,), {"model": model, **attrs})
    register_snippet(viewset)
    return viewset


class InstallWidePermissionPolicy(ModelPermissionPolicy):
    """Records of the whole install (the outbox, suppressed addresses): only for the install's
    administrators once it holds several groups, since they mix every group's addresses."""

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and scoping.works_for_every_group(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
