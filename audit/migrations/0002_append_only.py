"""On PostgreSQL the database itself refuses to change or delete an audit
entry: only emptying its user or content type (the account or type was
deleted, ON DELETE SET NULL done by Django) is allowed. TRUNCATE, which only
the table's owner may run, is not a row change (test databases are emptied
with it)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit entries are never deleted';
    END IF;
    IF (NEW.id, NEW.at, NEW.username, NEW.action, NEW.object_id,
        NEW.object_repr, NEW.changes, NEW.ip_address)
       IS DISTINCT FROM
       (OLD.id, OLD.at, OLD.username, OLD.action, OLD.object_id,
        OLD.object_repr, OLD.changes, OLD.ip_address)
       OR (NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id)
       OR (NEW.content_type_id IS NOT NULL
           AND NEW.content_type_id IS DISTINCT FROM OLD.content_type_id) THEN
        RAISE EXCEPTION 'audit entries are never changed';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
