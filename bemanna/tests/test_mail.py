import io

from django.core.mail import EmailMessage

from bemanna.mail import WithheldBodyBackend


def test_mail_printed_without_a_mail_server_leaves_the_code_out():
    stream = io.StringIO()
    message = EmailMessage(
        "Pulsmätning", "Din kod: K7Q2-XM4P-9RTA", to=["anna@region.test"], from_email="b@x"
    )
    assert WithheldBodyBackend(stream=stream).send_messages([message]) == 1
    printed = stream.getvalue()
    assert "anna@region.test" in printed and "Pulsmätning" in printed
    assert "K7Q2" not in printed
