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


class RefusingSMTPBackend(EmailBackend):
    """Refuses some recipients for good (550), as a server does for an address that no longer exists."""

    refused: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            gone = {address for address in message.to if address in RefusingSMTPBackend.refused}
            if gone:
                raise smtplib.SMTPRecipientsRefused(
                    {address: (550, b"5.1.1 No such user") for address in gone}
                )
        return super().send_messages(messages)


class SlowSMTPBackend(EmailBackend):
    """Takes as long as a real SMTP conversation (a quarter of a second per message)."""

    def send_messages(self, messages):
        import time

        time.sleep(0.25 * len(messages))
        return super().send_messages(messages)
