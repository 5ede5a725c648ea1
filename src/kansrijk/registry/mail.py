"""Sending the registry's mail (password reset) through the SMTP server of the settings.
Without ``smtp_host`` nothing is sent and the log says so (never the link itself)."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from kansrijk.settings import Settings

log = logging.getLogger("kansrijk.registry")


def send_mail(settings: Settings, to: str, subject: str, body: str) -> bool:
    """Send a plain-text mail; False when no SMTP server is configured."""
    if not settings.smtp_host:
        log.warning("no SMTP server configured (KANSRIJK_SMTP_HOST): mail %r not sent", subject)
        return False
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(msg)
    log.info("mail %r sent", subject)
    return True
