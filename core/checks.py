from django.core.checks import Error, Tags, register

from . import sections


@register(Tags.models)
def sections_check(app_configs, **kwargs):
    """A section declared searchable stores the folded text the search reads."""
    errors = []
    for section in sections.searchable():
        names = {field.name for field in section.model._meta.get_fields()}
        missing = {"search_title", "search_text"} - names
        if missing:
            errors.append(
                Error(
                    f"{section.model._meta.label} is declared searchable but has "
                    f"no {', '.join(sorted(missing))} field.",
                    hint="Add the fields and fill them in save() with "
                    "core.text.fold_for_search (see news.Article).",
                    obj=section.model,
                    id="core.E001",
                )
            )
        if section.search.date not in names:
            errors.append(
                Error(
                    f"{section.model._meta.label}: search date field "
                    f"{section.search.date!r} does not exist.",
                    obj=section.model,
                    id="core.E002",
                )
            )
    kinds = [section.search.kind for section in sections.searchable()]
    if len(kinds) != len(set(kinds)):
        errors.append(
            Error(f"Two searchable sections share a kind: {kinds}.", id="core.E003")
        )
    return errors
