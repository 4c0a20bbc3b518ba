"""Levels and issuing bodies now live in the organisation app (its 0001
adopted the tables): only Django's picture of the models changes here."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_search_at_scale"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="decision",
                    name="issuer",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="organisation.unit",
                        verbose_name="issuing body",
                    ),
                ),
                migrations.AlterField(
                    model_name="awardform",
                    name="allowed_levels",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Recording it from another level shows a warning. Empty: any level.",
                        related_name="award_forms",
                        to="organisation.level",
                        verbose_name="levels that may award it",
                    ),
                ),
                migrations.DeleteModel(name="IssuingBody"),
                migrations.DeleteModel(name="Level"),
            ],
        ),
    ]
