"""Wizard progress and case messages from casework, in state only: casework 0003 moved the tables."""

import django.db.models.deletion
import core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0003_move_to_initiatives_and_term'),
        ('initiatives', '0010_organisations_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DraftProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('step', models.CharField(max_length=30, verbose_name='steg')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='senast ändrad')),
                        ('initiative', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='draft_progress', to='initiatives.initiative', verbose_name='ärende')),
                    ],
                    options={
                        'verbose_name': 'utkastets steg',
                        'verbose_name_plural': 'utkastens steg',
                    },
                ),
                migrations.CreateModel(
                    name='CaseMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_staff', models.BooleanField(verbose_name='från förvaltningen')),
                        ('body', core.fields.TextBlockField(max_length=10000, verbose_name='meddelande')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='skickat')),
                        ('attachments', models.ManyToManyField(blank=True, related_name='+', to='initiatives.attachment', verbose_name='bilagor')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='avsändare')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_messages', to='initiatives.initiative', verbose_name='ärende')),
                    ],
                    options={
                        'verbose_name': 'meddelande',
                        'verbose_name_plural': 'meddelanden',
                        'ordering': ['sent_at', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('body', ''), _negated=True), name='casemessage_not_empty')],
                    },
                ),
            ],
        ),
    ]
