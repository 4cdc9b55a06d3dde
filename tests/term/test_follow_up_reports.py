"""Follow-up reports as the organisation sends them and staff read them."""

import pytest
from django.core import mail
from django.urls import reverse

from agreements.models import Party, ReportDate
from initiatives.models import DiaryEntry
from term.models import FollowUpReport

from .. import files

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def _report_data(report_date, **overrides):
    data = {
        "activities_done": "Läxhjälp 3 kvällar i veckan.",
        "participants_reached": "42",
        "deviations": "",
    }
    for c in report_date.agreement.contributions.filter(party=Party.MUNICIPALITY):
        data[f"used_{c.pk}"] = "90000"
    return data | overrides


def test_a_follow_up_report_is_registered_mailed_and_then_read_only(
    client, town, django_capture_on_commit_callbacks
):
    case = town.active()
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    url = reverse("term:report", args=[case.pk, report_date.pk])
    client.force_login(town.member)
    assert "Lämna delrapport" in client.get(case.get_absolute_url()).content.decode()
    response = client.post(url, _report_data(report_date, participants_reached="-1"))
    assert response.context["form"].errors["participants_reached"] == [
        "Antalet kan inte vara negativt."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            _report_data(report_date)
            | {"file": files.upload("narvaro.xlsx", files.xlsx_bytes()), "description": "Närvaro"},
        )
    assert response.status_code == 302
    report = FollowUpReport.objects.get()
    assert report.participants_reached == 42
    assert [line.amount_used_sek for line in report.lines.all()] == [90000]
    assert report.attachments.get().original_name == "narvaro.xlsx"
    assert DiaryEntry.objects.filter(initiative=case, document="Uppföljningsrapport").exists()
    assert mail.outbox[-1].to == [town.handlaggare.email]  # assigned when assessment started
    assert "uppföljningsrapport" in mail.outbox[-1].body.lower()
    # The mail links straight to the report's review page.
    review = reverse("admin:initiatives_initiative_report_review", args=[case.pk, report.pk])
    assert review in mail.outbox[-1].body
    # The organisation reads its amounts as "90 000 kr".
    assert "90\u00a0000\u00a0kr" in client.get(url).content.decode()

    # A second report for the same date is refused; the first is unchanged.
    response = client.post(url, _report_data(report_date, activities_done="Nytt"), follow=True)
    assert "redan inskickad" in response.content.decode()
    assert FollowUpReport.objects.get().activities_done == "Läxhjälp 3 kvällar i veckan."

    assert f'href="{url}"' in client.get(case.get_absolute_url()).content.decode()

    client.force_login(town.handlaggare)
    # The organisation's case page shows staff the report as sent in, with no link to the
    # organisation's report page, which answers them 404.
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "inskickad" in detail and f'href="{url}"' not in detail
    assert client.get(url).status_code == 404
    # The handläggare finds it from the case page in the admin.
    case_page = client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    report_url = reverse("admin:term_followupreport_change", args=[report.pk])
    assert f'href="{report_url}"' in case_page.content.decode()
    admin_page = client.get(report_url)
    assert (
        admin_page.status_code == 200
        and "Läxhjälp 3 kvällar i veckan." in admin_page.content.decode()
    )
    client.force_login(town.handlaggare_amf)
    admin_page = client.get(reverse("admin:term_followupreport_change", args=[report.pk]))
    assert admin_page.status_code == 404


def test_markup_in_a_report_is_shown_as_text_to_staff(client, town):
    case = town.active()
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    client.force_login(town.member)
    client.post(
        reverse("term:report", args=[case.pk, report_date.pk]),
        _report_data(report_date, activities_done=f"a {HOSTILE}", deviations=f"d {HOSTILE}"),
    )
    report = FollowUpReport.objects.get()
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:term_followupreport_change", args=[report.pk]))
    page = page.content.decode()
    assert "<script>alert" not in page
    assert f"a {ESCAPED}" in page and f"d {ESCAPED}" in page


def test_reports_are_refused_for_other_organisations_and_foreign_dates(client, town):
    case = town.active()
    other = town.active(paragraph=2, title="Annat partnerskap")
    report_date = ReportDate.objects.filter(agreement__initiative=other).first()
    client.force_login(town.member)
    # Another case's report date under this case's URL.
    assert client.get(reverse("term:report", args=[case.pk, report_date.pk])).status_code == 404
    client.force_login(town.other_member)
    url = reverse("term:report", args=[other.pk, report_date.pk])
    assert client.post(url, _report_data(report_date)).status_code == 404
    assert not FollowUpReport.objects.exists()
