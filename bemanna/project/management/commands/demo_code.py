from django.utils.translation import gettext, gettext_noop
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna.clifiles import BemannaCommand
from bemanna.demo import DEMO_TOTP_KEY


class Command(BemannaCommand):
    help = gettext_noop(
        "Print the current second-factor code of the demo accounts (hr, fhv, behorighet). "
        "Only accounts whose authenticator holds the demo's published key have one."
    )

    # It reads the demo's authenticators and nothing else, so it runs in a new shell after
    # `make run` (which sets BEMANNA_DEBUG=1 for itself alone) without the production keys
    # that the system checks ask of every other command.
    requires_system_checks: list[str] = []

    def handle(self, *args, **options):
        devices = TOTPDevice.objects.filter(key=DEMO_TOTP_KEY, confirmed=True).select_related(
            "user"
        )
        if not devices:
            self.stdout.write(
                gettext("No account has the demo's second-factor key (run `bemanna demo`).")
            )
            return
        for device in devices.order_by("user__username"):
            code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
            self.stdout.write(f"{device.user.username}: {code:0{device.digits}d}")
        self.stdout.write(gettext("Each code holds for 30 seconds."))
