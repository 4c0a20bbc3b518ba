import django.db.models.deletion
from django.db import migrations, models


# An article's photo becomes a placement of a library photo (photos.Photo):
# the link and a per-article caption are added here, 0021 moves every photo
# into the library (same file, no copy) and 0022 drops the moved columns.
class Migration(migrations.Migration):

    dependencies = [
        ('news', '0008_newsroom_roles'),
        ('photos', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='photo',
            name='caption_override',
            field=models.CharField(blank=True, help_text='Leave empty to use the library caption.', max_length=500, verbose_name='caption in this article'),
        ),
        migrations.AddField(
            model_name='photo',
            name='caption_override_en',
            field=models.CharField(blank=True, help_text='Leave empty to use the library caption.', max_length=500, null=True, verbose_name='caption in this article'),
        ),
        migrations.AddField(
            model_name='photo',
            name='caption_override_vi',
            field=models.CharField(blank=True, help_text='Leave empty to use the library caption.', max_length=500, null=True, verbose_name='caption in this article'),
        ),
        migrations.AddField(
            model_name='photo',
            name='photo',
            field=models.ForeignKey(help_text='Search the library by caption, place or photographer, or add a new photo with the + button: it is kept in the library for other articles.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='article_uses', to='photos.photo', verbose_name='library photo'),
        ),
    ]
