"""Criteria carry what they require; assessments get revisions and four-eyes approval."""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def approve_completed(apps, schema_editor):
    """Assessments completed before four-eyes approval existed count as approved when completed."""
    Assessment = apps.get_model("assessments", "Assessment")
    Assessment.objects.filter(completed_at__isnull=False).update(
        approved_at=models.F("completed_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0002_seed_criteria_sets'),
        ('initiatives', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AssessmentRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision', models.PositiveSmallIntegerField(verbose_name='revision')),
                ('recommendation', models.CharField(choices=[('iop', 'Idéburet offentligt partnerskap (IOP)'), ('foreningsbidrag', 'Hänvisa till föreningsbidrag'), ('upphandling', 'Hänvisa till upphandling'), ('decline', 'Avslå')], max_length=20, verbose_name='rekommendation')),
                ('summary', models.TextField(verbose_name='sammanfattning')),
                ('considerations', models.TextField(blank=True, verbose_name='förvaltningens synpunkter')),
                ('answers', models.JSONField(default=list, verbose_name='bedömda kriterier')),
                ('approved_at', models.DateTimeField(verbose_name='godkänd')),
            ],
            options={
                'verbose_name': 'godkänd revision',
                'verbose_name_plural': 'godkända revisioner',
                'ordering': ['assessment', '-revision'],
            },
        ),
        migrations.AddField(
            model_name='assessment',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='godkänd'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='approved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='godkänd av'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='revision',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='revision'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='saved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='senast sparad av'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='required_for',
            field=models.CharField(blank=True, choices=[('iop', 'Idéburet offentligt partnerskap (IOP)'), ('foreningsbidrag', 'Hänvisa till föreningsbidrag'), ('upphandling', 'Hänvisa till upphandling'), ('decline', 'Avslå')], help_text='Portalen varnar om denna rekommendation väljs medan kriteriet inte är uppfyllt eller är oklart.', max_length=20, verbose_name='krävs för'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='rules_out',
            field=models.CharField(blank=True, choices=[('iop', 'Idéburet offentligt partnerskap (IOP)'), ('foreningsbidrag', 'Hänvisa till föreningsbidrag'), ('upphandling', 'Hänvisa till upphandling'), ('decline', 'Avslå')], help_text='Portalen varnar om denna rekommendation väljs medan kriteriet är uppfyllt.', max_length=20, verbose_name='utesluter'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='section',
            field=models.CharField(blank=True, help_text='Till exempel ”Forums kriterier” eller ”Stadens kontroller”.', max_length=100, verbose_name='avsnitt'),
        ),
        migrations.AddField(
            model_name='historicalassessment',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='godkänd'),
        ),
        migrations.AddField(
            model_name='historicalassessment',
            name='approved_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='godkänd av'),
        ),
        migrations.AddField(
            model_name='historicalassessment',
            name='revision',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='revision'),
        ),
        migrations.AddField(
            model_name='historicalassessment',
            name='saved_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='senast sparad av'),
        ),
        migrations.RunPython(approve_completed, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('approved_by__isnull', True), models.Q(('approved_by', models.F('saved_by')), _negated=True), _connector='OR'), name='assessment_four_eyes'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('completed_at__isnull', True), ('approved_at__isnull', False), _connector='OR'), name='assessment_completed_is_approved'),
        ),
        migrations.AddField(
            model_name='assessmentrevision',
            name='approved_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='godkänd av'),
        ),
        migrations.AddField(
            model_name='assessmentrevision',
            name='assessment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='assessments.assessment', verbose_name='bedömning'),
        ),
        migrations.AddField(
            model_name='assessmentrevision',
            name='criteria_set',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='assessments.criteriaset', verbose_name='kriterieuppsättning'),
        ),
        migrations.AddField(
            model_name='assessmentrevision',
            name='saved_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='senast sparad av'),
        ),
        migrations.AddConstraint(
            model_name='assessmentrevision',
            constraint=models.UniqueConstraint(fields=('assessment', 'revision'), name='assessmentrevision_unique'),
        ),
        migrations.AddConstraint(
            model_name='assessmentrevision',
            constraint=models.CheckConstraint(condition=models.Q(('approved_by', models.F('saved_by')), _negated=True), name='assessmentrevision_four_eyes'),
        ),
    ]
