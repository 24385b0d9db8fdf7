"""Password reset that says nothing about which addresses have accounts.

Django's reset form looks the address up and sends the email inside the request: an address
with an account answered in about a second (the SMTP conversation), one without in
milliseconds, so anyone could test addresses. Here the request only queues a task with the
address typed (the same work whatever it is) and answers; the task looks the address up and,
for an account, puts the email in the durable outbox (labsite.mail). Wagtail's admin uses this
form through its documented setting ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``.
"""

from django.template import loader
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm

from labsite.mail.delivery import queue_message


class QueuedPasswordResetForm(PasswordResetForm):
    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or (request.get_host() if request is not None else ""),
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )


class _OutboxPasswordResetForm(PasswordResetForm):
    """The task's side: Django's form, its email put in the outbox instead of sent."""

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
        text = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        queue_message(
            to=[to_email], subject=subject, text=text, html=html, purpose="password reset"
        )


@task()
def send_password_reset(
    email: str,
    domain: str,
    use_https: bool,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
) -> None:
    form = _OutboxPasswordResetForm(data={"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )
