"""The staff forms of the meeting and § pages; each hands its cleaned data to one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import model_formfield
from core.forms import DateInput

from .models import Anslag, Ledamot, Paragraf, Rost, Sammantrade, Yttrande


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Sammantrade
        fields = ["namnd", "date", "time", "place", "ordforande", "sekreterare", "justerare"]
        widgets = {
            "date": DateInput(),
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class MemberForm(forms.Form):
    name = model_formfield(Ledamot, "name", label=_("Namn"))
    party = model_formfield(Ledamot, "party", label=_("Parti"))
    role = forms.ChoiceField(label=_("Roll"), choices=Ledamot.Role.choices)
    tjanstgorande = forms.BooleanField(label=_("Tjänstgörande"), required=False, initial=True)


class AgendaAddForm(forms.Form):
    initiative = forms.ModelChoiceField(label=_("Ärende"), queryset=None)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = cases
        self.fields["initiative"].label_from_instance = lambda c: f"{c.diarienummer} {c.title}"


class AnslagForm(forms.Form):
    kept_at = model_formfield(Anslag, "kept_at", label=_("Förvaringsplats för protokollet"))
    posted_on = forms.DateField(label=_("Anslås den"), widget=DateInput())
    taken_down_on = forms.DateField(
        label=_("Tas ned den"),
        widget=DateInput(),
        required=False,
        help_text=_("Lämna tomt: dagen efter att överklagandetiden gått ut."),
    )


class ContentForm(forms.Form):
    beslut_points = forms.CharField(
        label=_("Nämndens beslut"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En beslutspunkt per rad, utan nummer: numren sätts i protokollet."),
        max_length=10_000,
        required=False,
    )
    arendet = model_formfield(Paragraf, "arendet", label=_("Ärendet"), required=False)
    beslutsgang = model_formfield(Paragraf, "beslutsgang", label=_("Beslutsgång"), required=False)
    propositionsordning = model_formfield(
        Paragraf, "propositionsordning", label=_("Propositionsordning"), required=False
    )
    justerad_omedelbart = forms.BooleanField(label=_("Justeras omedelbart"), required=False)

    def clean_beslut_points(self):
        return [line.strip() for line in self.cleaned_data["beslut_points"].splitlines()]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Utfall"), choices=Paragraf.Outcome.choices)


class _MembersForm(forms.Form):
    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("ledamot", "ledamoter"):
            if name in self.fields:
                self.fields[name].queryset = members


class YrkandeForm(_MembersForm):
    ledamot = forms.ModelChoiceField(label=_("Ledamot"), queryset=None)
    text = forms.CharField(
        label=_("Yrkande"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5_000
    )


class YttrandeForm(_MembersForm):
    kind = forms.ChoiceField(label=_("Slag"), choices=Yttrande.Kind.choices)
    ledamoter = forms.ModelMultipleChoiceField(
        label=_("Ledamöter"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000
    )


class JavForm(_MembersForm):
    ledamot = forms.ModelChoiceField(label=_("Jävig ledamot"), queryset=None)


class OmrostningForm(forms.Form):
    question = forms.CharField(label=_("Voteringsproposition"), max_length=500)
    result = forms.CharField(
        label=_("Resultat"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {}
        choices = [("", _("Röstar inte")), *Rost.Vote.choices]
        for member in members:
            name = f"vote_{member.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(member), choices=choices, required=False
            )
            self.members[name] = member

    def votes(self) -> dict:
        return {m: self.cleaned_data[n] for n, m in self.members.items() if self.cleaned_data[n]}
