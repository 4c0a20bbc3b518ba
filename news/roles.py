"""The newsroom's roles, as auth groups (docs/NEWSROOM.md).

Migration 0008 creates the groups with these permissions; ``roles_sync`` is
also run after every ``migrate`` so the administrator role keeps every
permission, including those of apps added later. Nothing here is ever taken
away from a group: an administrator may grant more."""

from django.contrib.auth.management import create_permissions

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
APPROVER = "Lãnh đạo duyệt"
ADMINISTRATOR = "Quản trị"

_WRITE = (
    "news.add_article",
    "news.change_article",
    "news.view_article",
    "news.add_photo",
    "news.change_photo",
    "news.delete_photo",
    "news.view_photo",
    "news.view_category",
    # The photo library: find a photo to place, or add a new one. Changing a
    # library photo changes it in published articles, so only approvers may.
    "photos.add_photo",
    "photos.view_photo",
    "photos.view_album",
)
_REVIEW = (*_WRITE, "news.review_article", "news.delete_article")
_LIBRARY = (
    "photos.change_photo",
    "photos.delete_photo",
    "photos.add_album",
    "photos.change_album",
    "photos.delete_album",
)

ROLES = {
    REPORTER: _WRITE,
    EDITOR: _REVIEW,
    APPROVER: (*_REVIEW, "news.publish_article", *_LIBRARY),
    ADMINISTRATOR: None,  # every permission
}


def roles_sync(apps, *, using="default"):
    """Create the groups and give them their permissions (idempotent)."""
    for app_config in apps.get_app_configs():
        # Migration states' app configs have no models module, which makes
        # create_permissions skip them: the permissions are needed now.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        permissions = Permission.objects.using(using).all()
        if codes is not None:
            wanted = {tuple(code.split(".")) for code in codes}
            permissions = [
                permission
                for permission in permissions.select_related("content_type")
                if (permission.content_type.app_label, permission.codename) in wanted
            ]
        group.permissions.add(*permissions)
