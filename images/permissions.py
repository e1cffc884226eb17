"""Who may do what with images: Wagtail's rules, except that deleting an image or replacing
its file takes more than the right to change it.

Wagtail's image policy lets anyone who may change an image also delete it (and the edit form
lets them upload a new file). Translators need to change images, to write the alt text in
their language, but must not remove or swap what editors chose. Here "delete" and "replace"
(a new file in the edit form) need, besides Wagtail's own "change" rule, the right to add
images (editors: what they could upload they may take away) or to delete them (moderators)
in the image's collection. Registered for the image model in `apps.ImagesConfig.ready`.
"""

from django.contrib.auth import get_user_model

from wagtail.models import Collection
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

DESTRUCTIVE = frozenset({"delete", "replace"})
# Collection permissions that allow the destructive actions on top of "change".
DESTROYING_RIGHTS = ("add", "delete")


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in DESTRUCTIVE:
            return super().user_has_permission(user, "change") and self._check_perm(
                user, DESTROYING_RIGHTS
            )
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        others = actions - DESTRUCTIVE
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        return bool(actions & DESTRUCTIVE) and (
            super().user_has_any_permission_for_instance(user, ["change"], instance)
            and self._check_perm(user, DESTROYING_RIGHTS, collection=instance.collection)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        others = actions - DESTRUCTIVE
        found = self.model._default_manager.none()
        if others:
            found = super().instances_user_has_any_permission_for(user, others)
        if actions & DESTRUCTIVE:
            destroyable = super().instances_user_has_any_permission_for(user, ["change"])
            if not (user.is_active and user.is_superuser):
                destroyable = destroyable.filter(
                    collection__in=self.collections_user_has_any_permission_for(user, ["delete"])
                )
            found = found | destroyable
        return found

    def collections_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        others = actions - DESTRUCTIVE
        if not actions & DESTRUCTIVE:
            return super().collections_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return super().collections_user_has_any_permission_for(user, actions)
        if not user.is_authenticated:
            return Collection.objects.none()
        destroying = self._collections_with_perm(user, DESTROYING_RIGHTS)
        if others:
            return super().collections_user_has_any_permission_for(user, others) | destroying
        return destroying

    def users_with_any_permission(self, actions):
        return self._users_narrowed(actions, super().users_with_any_permission)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self._users_narrowed(
            actions,
            lambda acts: super(ImagePermissionPolicy, self).users_with_any_permission_for_instance(
                acts, instance
            ),
            collection=instance.collection,
        )

    def _users_narrowed(self, actions, lookup, collection=None):
        actions = set(actions)
        others = actions - DESTRUCTIVE
        pks = set()
        if others:
            pks.update(lookup(others).values_list("pk", flat=True))
        if actions & DESTRUCTIVE:
            destroying = self._users_with_perm(DESTROYING_RIGHTS, collection=collection)
            changing = lookup(["change"]).filter(pk__in=destroying.values("pk"))
            pks.update(changing.values_list("pk", flat=True))
        return get_user_model().objects.filter(pk__in=pks)
