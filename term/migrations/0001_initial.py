"""Follow-up reports from casework, in state only: casework 0003 moved the tables."""

import django.core.validators
import django.db.models.deletion
import core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casework', '0003_move_to_initiatives_and_term'),
        ('agreements', '0007_text_and_number_bounds'),
        ('initiatives', '0011_draftprogress_casemessage'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FollowUpReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('activities_done', core.fields.TextBlockField(max_length=10000, verbose_name='genomförda aktiviteter')),
                        ('participants_reached', models.PositiveIntegerField(validators=[django.core.validators.MinValueValidator(0, message='Antalet kan inte vara negativt.'), django.core.validators.MaxValueValidator(10000000, message='Antalet får vara högst 10\xa0000\xa0000.')], verbose_name='antal deltagare som nåtts')),
                        ('deviations', core.fields.TextBlockField(blank=True, max_length=5000, verbose_name='avvikelser från avtalet')),
                        ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='inskickad')),
                        ('attachments', models.ManyToManyField(blank=True, related_name='+', to='initiatives.attachment', verbose_name='bilagor')),
                        ('report_date', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='follow_up_report', to='agreements.reportdate', verbose_name='rapportdatum')),
                        ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='inskickad av')),
                    ],
                    options={
                        'verbose_name': 'uppföljningsrapport',
                        'verbose_name_plural': 'uppföljningsrapporter',
                        'ordering': ['submitted_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='FollowUpReportLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('amount_used_sek', models.PositiveIntegerField(validators=[django.core.validators.MinValueValidator(0, message='Beloppet kan inte vara negativt.'), django.core.validators.MaxValueValidator(1000000000, message='Beloppet får vara högst 1\xa0000\xa0000\xa0000 kr. Ange det i hela kronor.')], verbose_name='använt belopp (kr)')),
                        ('contribution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='agreements.contribution', verbose_name='bidrag')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lines', to='term.followupreport', verbose_name='rapport')),
                    ],
                    options={
                        'verbose_name': 'använda medel',
                        'verbose_name_plural': 'använda medel',
                        'ordering': ['contribution__year', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='followupreport',
                    constraint=models.CheckConstraint(condition=models.Q(('participants_reached__lte', 10000000)), name='followupreport_participants_bounded'),
                ),
                migrations.AddConstraint(
                    model_name='followupreportline',
                    constraint=models.UniqueConstraint(fields=('report', 'contribution'), name='followupreportline_unique'),
                ),
                migrations.AddConstraint(
                    model_name='followupreportline',
                    constraint=models.CheckConstraint(condition=models.Q(('amount_used_sek__lte', 1000000000)), name='followupreportline_amount_bounded'),
                ),
            ],
        ),
    ]
