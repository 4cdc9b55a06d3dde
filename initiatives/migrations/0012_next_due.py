"""The case's next date as a column, filled for existing cases the way the queue computed it."""

import datetime

from django.conf import settings
from django.db import migrations, models
from django.db.models import Case, DateField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone

NO_DATE = datetime.date(9999, 12, 31)


def fill_next_due(apps, schema_editor):
    # The queue's annotation as it stood (initiatives.selectors.case_queue before this column),
    # written against this migration's models rather than the app's code, which will move on.
    Initiative = apps.get_model("initiatives", "Initiative")
    WatchDate = apps.get_model("initiatives", "WatchDate")
    Agreement = apps.get_model("agreements", "Agreement")
    ReportDate = apps.get_model("agreements", "ReportDate")
    today = timezone.localdate()
    active = Q(status="active")
    no_date = Value(NO_DATE)
    watch = Subquery(
        WatchDate.objects.filter(initiative=OuterRef("pk"), done_at__isnull=True)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    report = Subquery(
        ReportDate.objects.filter(agreement__initiative=OuterRef("pk"), due_date__gte=today)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    term_end = Subquery(Agreement.objects.filter(initiative=OuterRef("pk")).values("term_end")[:1])
    Initiative.objects.update(
        next_due=NullIf(
            Least(
                Coalesce(watch, no_date),
                Case(When(active, then=Coalesce(report, no_date)), default=no_date),
                Case(When(active, then=Coalesce(term_end, no_date)), default=no_date),
                output_field=DateField(),
            ),
            no_date,
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_text_and_number_bounds'),
        ('agreements', '0008_move_to_decisions_and_term'),
        ('initiatives', '0011_draftprogress_casemessage'),
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='initiative',
            name='next_due',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='nästa datum'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['forvaltning', 'next_due'], name='initiative_next_due_idx'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['handlaggare', 'next_due'], name='initiative_my_next_due_idx'),
        ),
        migrations.RunPython(fill_next_due, migrations.RunPython.noop),
    ]
