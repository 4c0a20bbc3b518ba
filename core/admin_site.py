"""The admin site: sections in the order staff use them each day, under
Vietnamese names, with users and security last."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

# Daily work first; apps not listed here come after these and before SECURITY.
DAILY = (
    "news",
    "awards",
    "documents",
    "questions",
    "schedule",
    "organisation",
    "photos",
    "siteblocks",
)
SECURITY = ("auth", "axes", "audit")
NAMES = {
    "auth": _("Users and groups"),
    "axes": _("Login security"),
    "siteblocks": _("Site blocks and footer"),
}


def app_rank(label):
    if label in DAILY:
        return (0, DAILY.index(label))
    if label in SECURITY:
        return (2, SECURITY.index(label))
    return (1, 0)


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = NAMES.get(app["app_label"], app["name"])
        return sorted(apps, key=lambda app: app_rank(app["app_label"]))


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.PortalAdminSite"
