"""E-mail through SMTP (the digest, and source alerts when Slack is not set up)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from reviewwatch.config import SmtpSettings, reveal

MAX_SUBJECT = 200


class EmailError(Exception):
    """Sending failed; `permanent` says whether a retry can help."""

    def __init__(self, message: str, permanent: bool):
        super().__init__(message)
        self.permanent = permanent


def clean_header(value: str) -> str:
    """A one-line header value: CR/LF (header injection) removed, bounded."""
    return " ".join(str(value).replace("\r", " ").replace("\n", " ").split())[:MAX_SUBJECT]


def build(sender: str, to: list[str], subject: str, text: str, html: str | None) -> EmailMessage:
    """A multipart/alternative message."""
    message = EmailMessage()
    message["From"] = clean_header(sender)
    message["To"] = ", ".join(clean_header(t) for t in to)
    message["Subject"] = clean_header(subject)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or "localhost")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send(smtp: SmtpSettings, sender: str, to: list[str], subject: str, text: str,
         html: str | None = None) -> None:
    """Send one message; raise EmailError (never with the password in it)."""
    if not smtp.host:
        raise EmailError("smtp.host is not set", permanent=True)
    if not to:
        raise EmailError("no recipients (digest.to is empty)", permanent=True)
    message = build(sender, to, subject, text, html)
    password = reveal(smtp.password) if smtp.username else None  # unset env: says so first
    try:
        if smtp.ssl:
            server: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                                    context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        with server:
            if smtp.starttls and not smtp.ssl:
                server.starttls(context=ssl.create_default_context())
            if smtp.username:
                server.login(smtp.username, password or "")
            server.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise EmailError(f"{smtp.host} refused the SMTP login for {smtp.username}; check "
                         "smtp.username and smtp.password", permanent=True) from None
    except smtplib.SMTPRecipientsRefused:
        raise EmailError("the mail server refused every recipient in digest.to",
                         permanent=True) from None
    except (smtplib.SMTPException, OSError) as e:
        raise EmailError(f"could not send through {smtp.host}:{smtp.port} "
                         f"({type(e).__name__})", permanent=False) from None
