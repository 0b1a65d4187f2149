"""Email addresses as the stubs compare and store them: validated, canonical, lower-case."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


def normalise_email(value: str) -> str | None:
    """The address in canonical lower-case form, or None when it is malformed."""
    try:
        # test_environment allows the reserved .test domain the stub world lives in.
        checked = validate_email(value.strip(), check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return None
    return checked.normalized.lower()
