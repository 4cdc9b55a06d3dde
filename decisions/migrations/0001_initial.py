"""The nämnd's decision from agreements, in state only: agreements 0008 moved the table."""

import django.core.validators
import django.db.models.deletion
import core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agreements', '0008_move_to_decisions_and_term'),
        ('accounts', '0005_text_and_number_bounds'),
        ('initiatives', '0011_draftprogress_casemessage'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('meeting_date', models.DateField(validators=[core.fields.validate_date_range], verbose_name='sammanträdesdatum')),
                        ('paragraph', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1, message='Ange paragrafens nummer, från 1 till 9999.'), django.core.validators.MaxValueValidator(9999, message='Ange paragrafens nummer, från 1 till 9999.')], verbose_name='paragraf (§)')),
                        ('outcome', models.CharField(choices=[('approved', 'Bifall – partnerskapet ingås'), ('rejected', 'Avslag'), ('returned', 'Återremiss till förvaltningen')], max_length=20, verbose_name='utfall')),
                        ('decision_text', core.fields.TextBlockField(max_length=10000, verbose_name='nämndens beslut')),
                        ('decision_process', core.fields.TextBlockField(blank=True, help_text='Vem som föreslog vad och hur ordföranden ställde proposition.', max_length=10000, verbose_name='beslutsgång')),
                        ('adjusted_immediately', models.BooleanField(default=False, verbose_name='justerad omedelbart')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='registrerat')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='initiatives.initiative', verbose_name='ärende')),
                        ('namnd', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='accounts.namnd', verbose_name='nämnd')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='registrerat av')),
                    ],
                    options={
                        'verbose_name': 'nämndbeslut',
                        'verbose_name_plural': 'nämndbeslut',
                        'ordering': ['-meeting_date', '-paragraph'],
                        'constraints': [models.UniqueConstraint(fields=('namnd', 'meeting_date', 'paragraph'), name='decision_unique_paragraph'), models.CheckConstraint(condition=models.Q(('paragraph__gte', 1)), name='decision_paragraph_positive'), models.CheckConstraint(condition=models.Q(('paragraph__lte', 9999)), name='decision_paragraph_bounded')],
                    },
                ),
            ],
        ),
    ]
