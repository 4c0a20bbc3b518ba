import django.db.models.deletion
from django.db import migrations, models

import core.images
import news.models


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0021_photos_into_library'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='photo',
            name='photo_alt_text_or_decorative',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='alt_text',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='alt_text_en',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='alt_text_vi',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='caption',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='caption_en',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='caption_vi',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='credit',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='credit_en',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='credit_vi',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='height',
        ),
        # A default first, so that reversing this migration can re-create
        # the column on existing rows (0021 reversed then fills it).
        migrations.AlterField(
            model_name='photo',
            name='image',
            field=core.images.PhotoField(default='', height_field='height', help_text='JPEG, PNG or WebP.', upload_to=news.models.photo_upload_to, verbose_name='image', width_field='width'),
        ),
        migrations.RemoveField(
            model_name='photo',
            name='image',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='is_decorative',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='renditions',
        ),
        migrations.RemoveField(
            model_name='photo',
            name='width',
        ),
        migrations.AlterField(
            model_name='photo',
            name='photo',
            field=models.ForeignKey(help_text='Search the library by caption, place or photographer, or add a new photo with the + button: it is kept in the library for other articles.', on_delete=django.db.models.deletion.PROTECT, related_name='article_uses', to='photos.photo', verbose_name='library photo'),
        ),
    ]
