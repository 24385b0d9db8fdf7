from django.core.management.base import BaseCommand, CommandError

from people.members.accounts import InviteError, invite_member, send_invitation


class Command(BaseCommand):
    help = "Create a member's admin account, link it to their person page and email a set-password link."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The member's email address; it becomes their user name.")
        parser.add_argument(
            "--person", required=True, metavar="SLUG", help="The slug of their person page."
        )

    def handle(self, *args, email, person, **options):
        try:
            invitation = invite_member(email, person)
        except InviteError as error:
            raise CommandError(str(error)) from None
        send_invitation(invitation)
        verb = "Created" if invitation.created else "Updated"
        self.stdout.write(
            f"{verb} account {invitation.user.get_username()} for {invitation.person.title}; "
            f"a set-password link was emailed to {invitation.user.email}."
        )
