from django_tasks import task

from people.cv import services


@task()
def regenerate_cvs(person_ids: list[int]) -> dict:
    from people.profiles.models import PersonPage

    done = {}
    for person in PersonPage.objects.filter(pk__in=person_ids).prefetch_related("cv_sections"):
        done[person.pk] = services.regenerate(person)
    return done
