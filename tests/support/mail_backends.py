"""An email backend whose SMTP server can be switched off, for testing retries."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakySMTPBackend(EmailBackend):
    """Delivers to django.core.mail.outbox like locmem, unless the 'server' is down."""

    down = False
    attempts = 0

    def send_messages(self, messages):
        FlakySMTPBackend.attempts += len(messages)
        if FlakySMTPBackend.down:
            raise smtplib.SMTPConnectError(421, b"Service not available (test: server is down)")
        return super().send_messages(messages)
