"""Reminders and evaluations from agreements, in state only: agreements 0008 moved the tables."""

import django.db.models.deletion
import core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0008_move_to_decisions_and_term'),
        ('initiatives', '0011_draftprogress_casemessage'),
        ('term', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Evaluation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('goal_fulfilment', core.fields.TextBlockField(max_length=10000, verbose_name='måluppfyllelse')),
                        ('what_worked', core.fields.TextBlockField(max_length=10000, verbose_name='vad som fungerade (framgångsfaktorer)')),
                        ('what_did_not_work', core.fields.TextBlockField(max_length=10000, verbose_name='vad som inte fungerade')),
                        ('knowledge_gained', core.fields.TextBlockField(max_length=10000, verbose_name='kunskap som partnerskapet gett')),
                        ('outcome', models.CharField(choices=[('renew', 'Förnya partnerskapet'), ('end', 'Avsluta partnerskapet')], max_length=20, verbose_name='fortsättning')),
                        ('evaluated_at', models.DateTimeField(auto_now_add=True, verbose_name='utvärderad')),
                        ('evaluated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='utvärderad av')),
                        ('initiative', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='evaluation', to='initiatives.initiative', verbose_name='ärende')),
                    ],
                    options={
                        'verbose_name': 'utvärdering',
                        'verbose_name_plural': 'utvärderingar',
                    },
                ),
                migrations.CreateModel(
                    name='SentReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('report', 'Rapportdatum'), ('term_end', 'Avtalstidens slut')], max_length=20, verbose_name='typ')),
                        ('due_date', models.DateField(verbose_name='datum som påminnelsen gäller')),
                        ('recipient', models.EmailField(max_length=254, verbose_name='mottagare')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='skickad')),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sent_reminders', to='agreements.agreement', verbose_name='avtal')),
                    ],
                    options={
                        'verbose_name': 'skickad påminnelse',
                        'verbose_name_plural': 'skickade påminnelser',
                        'ordering': ['-sent_at'],
                        'constraints': [models.UniqueConstraint(fields=('agreement', 'kind', 'due_date', 'recipient'), name='sentreminder_once')],
                    },
                ),
            ],
        ),
    ]
