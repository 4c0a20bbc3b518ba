from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisation", "0003_fill_units")]

    operations = [
        migrations.AlterField(
            model_name="unit",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Web address; filled from the Vietnamese name if left empty.",
                max_length=140,
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
