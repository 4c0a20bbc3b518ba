# The site blocks moved here from the project package ("portal" app, its
# migrations 0001-0003). A database made before the move keeps its tables,
# renamed, with their rows, content types and permissions; a new database gets
# the tables created and the visit counter row and glossary seeded.

import core.audio
from core.migrations_support import CreateOrAdoptModel, adopt_content_types
import core.images
import django.core.validators
import siteblocks.models
from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder


GLOSSARY = [
    ("QPTD", "Quốc phòng toàn dân", "National defence by the whole people"),
    ("LLVT", "Lực lượng vũ trang", "Armed forces"),
    ("ANND", "An ninh nhân dân", "People's security"),
    ("KVPT", "Khu vực phòng thủ", "Defence zone"),
    ("HĐND", "Hội đồng nhân dân", "People's Council"),
    ("UBND", "Ủy ban nhân dân", "People's Committee"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc", "Fatherland Front Committee"),
    ("BCHQS", "Ban Chỉ huy quân sự", "Military Command Board"),
    ("CHQS", "Chỉ huy quân sự", "Military command"),
    ("ATXH", "An toàn xã hội", "Social safety"),
    ("DQTV", "Dân quân tự vệ", "Militia and self-defence forces"),
    ("QĐ", "Quyết định", "Decision"),
]


def create_statistics_row(apps, schema_editor):
    apps.get_model("siteblocks", "SiteStatistics").objects.get_or_create(pk=1)


def seed_glossary(apps, schema_editor):
    # A glossary adopted from before the move is the editors' own: entries
    # they deleted stay deleted.
    recorder = MigrationRecorder(schema_editor.connection)
    if recorder.migration_qs.filter(app="portal", name="0003_glossary").exists():
        return
    Abbreviation = apps.get_model("siteblocks", "Abbreviation")
    for acronym, vi, en in GLOSSARY:
        Abbreviation.objects.get_or_create(
            acronym=acronym,
            defaults={"expansion": vi, "expansion_vi": vi, "expansion_en": en},
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        CreateOrAdoptModel(
            old_table='portal_abbreviation',
            name='Abbreviation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('acronym', models.CharField(help_text='As written in articles, case-sensitive, e.g. “UBND”. Matched as a whole word only.', max_length=30, unique=True, verbose_name='acronym')),
                ('expansion', models.CharField(help_text='What the acronym stands for, e.g. “Ủy ban nhân dân”.', max_length=255, verbose_name='expansion')),
                ('expansion_vi', models.CharField(help_text='What the acronym stands for, e.g. “Ủy ban nhân dân”.', max_length=255, null=True, verbose_name='expansion')),
                ('expansion_en', models.CharField(help_text='What the acronym stands for, e.g. “Ủy ban nhân dân”.', max_length=255, null=True, verbose_name='expansion')),
            ],
            options={
                'verbose_name': 'abbreviation',
                'verbose_name_plural': 'abbreviations',
                'ordering': ['acronym'],
            },
        ),
        CreateOrAdoptModel(
            old_table='portal_link',
            name='Link',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=160, verbose_name='name')),
                ('name_vi', models.CharField(max_length=160, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=160, null=True, verbose_name='name')),
                ('url', models.URLField(max_length=500, verbose_name='address')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('is_active', models.BooleanField(default=True, verbose_name='shown')),
            ],
            options={
                'verbose_name': 'website link',
                'verbose_name_plural': 'website links',
                'ordering': ['order', 'pk'],
            },
        ),
        CreateOrAdoptModel(
            old_table='portal_sitestatistics',
            name='SiteStatistics',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('starting_total', models.PositiveBigIntegerField(default=0, help_text='Visits counted by the previous website, e.g. 790992.', validators=[django.core.validators.MinValueValidator(0)], verbose_name='starting total')),
                ('counted_total', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='visits counted here')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'visit statistics',
                'verbose_name_plural': 'visit statistics',
            },
        ),
        CreateOrAdoptModel(
            old_table='portal_song',
            name='Song',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('title_vi', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('composer', models.CharField(blank=True, max_length=160, verbose_name='composer')),
                ('performer', models.CharField(blank=True, max_length=160, verbose_name='performer')),
                ('audio', models.FileField(help_text='MP3, OGG, M4A or WAV.', upload_to=siteblocks.models.upload_song, validators=[core.audio.validate_audio_file], verbose_name='audio file')),
                ('audio_type', models.CharField(default='audio/mpeg', editable=False, max_length=20)),
                ('lyrics', models.TextField(blank=True, verbose_name='lyrics')),
                ('lyrics_vi', models.TextField(blank=True, null=True, verbose_name='lyrics')),
                ('lyrics_en', models.TextField(blank=True, null=True, verbose_name='lyrics')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('is_active', models.BooleanField(default=True, verbose_name='shown')),
            ],
            options={
                'verbose_name': 'song',
                'verbose_name_plural': 'songs',
                'ordering': ['order', 'pk'],
            },
        ),
        CreateOrAdoptModel(
            old_table='portal_townmap',
            name='TownMap',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('title_vi', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('image', core.images.PhotoField(height_field='height', upload_to=siteblocks.models.upload_map, verbose_name='map image', width_field='width')),
                ('width', models.PositiveIntegerField(editable=False, null=True)),
                ('height', models.PositiveIntegerField(editable=False, null=True)),
                ('renditions', models.JSONField(default=dict, editable=False)),
                ('alt_text', models.CharField(help_text='A short description of the map image.', max_length=300, verbose_name='alternative text')),
                ('alt_text_vi', models.CharField(help_text='A short description of the map image.', max_length=300, null=True, verbose_name='alternative text')),
                ('alt_text_en', models.CharField(help_text='A short description of the map image.', max_length=300, null=True, verbose_name='alternative text')),
                ('description', models.TextField(help_text='What the map shows, in words: wards and communes, main roads, landmarks. Read by screen readers and shown under the map.', verbose_name='text description')),
                ('description_vi', models.TextField(help_text='What the map shows, in words: wards and communes, main roads, landmarks. Read by screen readers and shown under the map.', null=True, verbose_name='text description')),
                ('description_en', models.TextField(help_text='What the map shows, in words: wards and communes, main roads, landmarks. Read by screen readers and shown under the map.', null=True, verbose_name='text description')),
                ('online_map_url', models.URLField(blank=True, help_text='e.g. an OpenStreetMap link.', max_length=500, verbose_name='online map')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
            ],
            options={
                'verbose_name': 'town map',
                'verbose_name_plural': 'town maps',
                'ordering': ['order', 'pk'],
            },
            bases=(core.images.RenditionsMixin, models.Model),
        ),
        migrations.RunPython(
            adopt_content_types("portal", "siteblocks", ['abbreviation', 'link', 'sitestatistics', 'song', 'townmap']),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(create_statistics_row, migrations.RunPython.noop),
        migrations.RunPython(seed_glossary, migrations.RunPython.noop),
    ]
