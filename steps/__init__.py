"""Step definitions, one module per domain concept, loaded through the root conftest."""

NAME = r"(?P<name>[A-ZÅÄÖ][\w-]+)"
PRONOUN = r"(?:her|his|their)"

# The login-transaction cookie the sign-in service sets when the address is submitted.
SIGN_IN_COOKIE = "__Host-login_tx"
