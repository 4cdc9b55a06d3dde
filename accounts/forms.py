"""Forms for accounts: signup, login, and asking for a new confirmation link."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import gettext_lazy as _

from core.outbox import mail_queue


def _no_form_tag(form):
    form.helper = FormHelper()
    form.helper.form_tag = False


class SignupForm(UserCreationForm):
    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name", "email", "username")
        labels = {"username": _("Användarnamn")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "email": "email",
            "username": "username",
            "password1": "new-password",
            "password2": "new-password",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["email"].help_text = _(
            "Vi skickar en länk hit som du följer för att bekräfta adressen."
        )
        _no_form_tag(self)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Det finns redan ett konto med den e-postadressen."))
        return email


class LoginForm(AuthenticationForm):
    """Django's login form, refusing accounts whose email address is not yet confirmed."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Efter flera felaktiga försök spärras inloggningen "
            "en stund."
        ),
        "unverified": _(
            "Du behöver bekräfta din e-postadress innan du kan logga in. Följ länken i mejlet "
            "vi skickade, eller be om en ny länk."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Användarnamn")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_verified:
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_form_tag(self)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail written to the outbox instead of sent in the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_queue(subject=subject, body=body, to=[to_email], template="password_reset")
