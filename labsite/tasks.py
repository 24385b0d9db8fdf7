"""Background work owned by the core (django-tasks: in-process by default, a worker in production)."""

from django_tasks import task


@task()
def deliver_email(pk: int) -> str:
    """Send one stored email; a failure schedules its own retry (see labsite.mail)."""
    from labsite import mail

    return mail.deliver(pk)


@task()
def deliver_emails(pks: list[int]) -> dict:
    """Send a batch of stored emails over one connection (digests); failures retry one by one."""
    from labsite import mail

    return mail.deliver_many(pks)


@task()
def send_digests() -> list[dict]:
    """Kept for tasks enqueued before the one scheduler (labsite.scheduling) took digests over:
    it sends what is due and hands the repetition to the scheduler's tick."""
    from labsite import digests, scheduling

    report = digests.send_digests()
    scheduling.schedule_next()
    return report
