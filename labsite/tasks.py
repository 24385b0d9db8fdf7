"""Background work owned by the core (django-tasks: in-process by default, a worker in production)."""

from django_tasks import task


@task()
def deliver_email(pk: int) -> str:
    """Send one stored email; a failure schedules its own retry (see labsite.mail)."""
    from labsite import mail

    return mail.deliver(pk)
