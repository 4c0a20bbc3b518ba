from django.db import migrations


def create_roles(apps, schema_editor):
    from news.roles import roles_sync

    roles_sync(apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from news.roles import ROLES

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=list(ROLES)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_newsroom_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
