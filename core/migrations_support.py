"""Migration operations for models that move from one app to another."""

from django.db import migrations


class CreateOrAdoptModel(migrations.CreateModel):
    """CreateModel that, where the model's table still exists under the name it
    had in its previous app (``old_table``), renames that table instead of
    creating an empty one: a database made before the move keeps its rows."""

    def __init__(self, *args, old_table: str, **kwargs):
        self.old_table = old_table
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, args, {**kwargs, "old_table": self.old_table}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        tables = schema_editor.connection.introspection.table_names()
        if self.old_table in tables and model._meta.db_table not in tables:
            schema_editor.alter_db_table(model, self.old_table, model._meta.db_table)
        else:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Create model {self.name}, or adopt table {self.old_table}"


def adopt_content_types(old_app_label: str, new_app_label: str, models: list[str]):
    """A RunPython function: the moved models keep their content types, and so
    their permissions, groups' grants and admin history."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in models:
            if (
                ContentType.objects.using(db)
                .filter(app_label=new_app_label, model=model)
                .exists()
            ):
                continue
            ContentType.objects.using(db).filter(
                app_label=old_app_label, model=model
            ).update(app_label=new_app_label)

    return forwards
