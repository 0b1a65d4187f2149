"""Environment profiles: which system the scenarios run against, one TOML file each.

`environments/NAME.toml`, or any `.toml` path, chosen with `--env NAME` or `HARNESS_ENV`.
A profile is one of three kinds:

- `stub`: the embedded stub world, started for each run (the default);
- `served`: a stub world that is already running (`./qa serve`), named by its manifest,
  which also names its Mailpit;
- `remote`: any other environment (a shared team world, a staging), known only by its
  public URLs: the browser, the inbox and public HTTP are all the harness uses there, so
  `@stub_only` scenarios are skipped with the reason.

Environment variables override single values (`SLOGIN_SIGNIN_URL`, `MAILPIT_URL`, …; see
VARIABLES). Secrets never stand in a file: the file names the variable that holds one.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from contract.finnish_ids import CENTURY_SIGNS, hetu_check
from harness import setting_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS_DIR = PROJECT_ROOT / "environments"
DEFAULT_ENVIRONMENT = "stub"

Kind = Literal["stub", "served", "remote"]
KINDS: tuple[Kind, ...] = get_args(Kind)

# RFC 2606 reserves example.com: mail to it can never reach a real person, even when the
# harness is pointed at an environment whose SMTP relays to the internet.
DEFAULT_MAIL_DOMAIN = "example.com"
# Scenarios that drive the stub world's control APIs (its clock, seeded data, outages).
STUB_ONLY = "stub_only"
SITES = ("signin", "etukortti", "bank")
USER_FIELDS = ("email", "phone", "card", "bank_identity")

# Each value of a file that a variable overrides, and the variable.
VARIABLES: dict[str, str] = {
    "sites.signin": "SLOGIN_SIGNIN_URL",
    "sites.etukortti": "SLOGIN_ETUKORTTI_URL",
    "sites.bank": "SLOGIN_BANK_URL",
    "shops": "SLOGIN_SHOP_URLS",
    "hosts": "SLOGIN_HOSTS",
    "tls.ca_file": "SLOGIN_CA_FILE",
    "manifest": "SLOGIN_WORLD_MANIFEST",
    "inbox.api_url": "MAILPIT_URL",
    "inbox.smtp": "MAILPIT_SMTP",
    "mail.domain": "SLOGIN_MAIL_DOMAIN",
    "timeouts.email_s": "HARNESS_EMAIL_TIMEOUT",
    "timeouts.ui_s": "HARNESS_UI_TIMEOUT",
    "timeouts.world_start_s": "HARNESS_WORLD_START_TIMEOUT",
}
# What a file may hold: top-level keys, and the keys of each table.
TABLES: dict[str, tuple[str, ...]] = {
    "sites": SITES,
    "tls": ("ca_file",),
    "inbox": ("api_url", "smtp", "auth_env"),
    "mail": ("domain",),
    "tags": ("unsupported",),
    "timeouts": ("email_s", "ui_s", "world_start_s"),
}
FREE_TABLES = ("shops", "hosts", "users")  # keys are names the file chooses
TOP_LEVEL = ("description", "kind", "manifest")
_SECRET_WORDS = ("password", "secret", "token", "apikey", "api_key")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_E164 = re.compile(r"^\+\d{7,15}$")


@dataclass(frozen=True)
class TestUser:
    """A user the environment already has, for scenarios that cannot create their own."""

    __test__ = False  # a data class, not a pytest test class

    name: str  # the persona's name in the features ("Sara")
    email: str
    phone: str | None = None  # E.164, +358…
    card: str | None = None  # the loyalty card's number
    bank_identity: str | None = None  # the bank's test identity (personal identity code)


@dataclass(frozen=True)
class Inbox:
    """Where the environment's mail can be read (a Mailpit API), and sent to for a probe."""

    api_url: str | None = None
    smtp: str | None = None  # HOST:PORT; only where the harness itself must send
    auth_env: str | None = None  # the variable that holds USER:PASSWORD for the API

    def auth(self, env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
        """The API's credentials from the variable the file names (None without one)."""
        if self.auth_env is None:
            return None
        value = (os.environ if env is None else env).get(self.auth_env, "")
        user, sep, password = value.partition(":")
        if not sep or not user:
            raise ValueError(
                f"inbox.auth_env names {self.auth_env}, which is "
                f"{'not set' if not value else 'not USER:PASSWORD'}: set {self.auth_env} "
                "to the inbox API's USER:PASSWORD (secrets come from the environment only)."
            )
        return user, password


@dataclass(frozen=True)
class EnvironmentProfile:
    """One environment: what it is, how to reach it, and what it cannot do."""

    name: str = DEFAULT_ENVIRONMENT
    kind: Kind = "stub"
    # The file it was read from; None when it comes from variables alone.
    source: Path | None = None
    description: str = ""
    sites: dict[str, str] = field(default_factory=dict)
    shops: dict[str, str] = field(default_factory=dict)
    ca_file: str | None = None
    # Host names the local DNS does not know: NAME -> ADDRESS:PORT (as curl --resolve).
    hosts: dict[str, str] = field(default_factory=dict)
    manifest: str | None = None
    inbox: Inbox = field(default_factory=Inbox)
    mail_domain: str = DEFAULT_MAIL_DOMAIN
    users: dict[str, TestUser] = field(default_factory=dict)
    unsupported_tags: tuple[str, ...] = ()
    email_timeout_s: float | None = None
    ui_timeout_s: float | None = None
    world_start_timeout_s: float | None = None
    # Keys whose value came from a variable rather than the file.
    overridden: frozenset[str] = frozenset()

    @property
    def skipped_tags(self) -> tuple[str, ...]:
        """Tags whose scenarios cannot run here: a remote one has no control API."""
        own = self.unsupported_tags
        return (STUB_ONLY, *(t for t in own if t != STUB_ONLY)) if self.kind == "remote" else own

    @property
    def label(self) -> str:
        """`'staging' (environments/staging.toml)`, for messages."""
        where = shown_path(self.source) if self.source else "environment variables"
        return f"{self.name!r} ({where})"

    def where(self, key: str) -> str:
        """How to change one setting: the variable that set it, or the file's key."""
        variable = VARIABLES.get(key) or VARIABLES.get(key.split(".")[0])
        if key in self.overridden and variable:
            return variable
        if self.source is None:
            return variable or key
        place = f"{key} in {shown_path(self.source)}"
        return f"{place} (or {variable})" if variable else place

    def hosts_map(self) -> dict[str, tuple[str, int]]:
        """The [hosts] table as (address, port) per host name."""
        return {name: _address(value) for name, value in self.hosts.items()}


def shown_path(path: Path) -> str:
    """A path as a user reads it: from the project root when it lies inside."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def _address(value: str) -> tuple[str, int]:
    address, _, port = value.rpartition(":")
    return address.strip("[]"), int(port)


def available() -> list[str]:
    """The environments of environments/, by name."""
    return sorted(p.stem for p in ENVIRONMENTS_DIR.glob("*.toml"))


def profile_path(chosen: str, setting: str) -> Path:
    """`--env NAME` is environments/NAME.toml; a value ending in .toml is a path."""
    if chosen.endswith(".toml") or "/" in chosen:
        path = Path(chosen).expanduser()
        path = path if path.is_absolute() else Path.cwd() / path
    else:
        path = ENVIRONMENTS_DIR / f"{chosen}.toml"
    if not path.is_file():
        raise ValueError(
            f"{setting}={chosen!r}: there is no {shown_path(path)}. Environments: "
            f"{', '.join(available()) or 'none'}; or give the path of a .toml file "
            '(README, "Running against your environment").'
        )
    return path.resolve()


def load(
    chosen: str | None = None, env: Mapping[str, str] | None = None, *, setting: str = "--env"
) -> EnvironmentProfile:
    """The chosen environment (`--env`, else HARNESS_ENV, else the variables or the stub
    world), with the variables' values over the file's."""
    e = os.environ if env is None else env
    if chosen is None and e.get("HARNESS_ENV", "").strip():
        chosen, setting = e["HARNESS_ENV"].strip(), "HARNESS_ENV"
    if chosen is None:
        return _implicit(e)
    path = profile_path(chosen, setting)
    return apply_variables(read_file(path), e, explicit=True)


def _implicit(env: Mapping[str, str]) -> EnvironmentProfile:
    """No environment chosen: the URL variables make a remote one (as before profiles), the
    manifest variable a served world, and otherwise the stub world's file."""
    if env.get("SLOGIN_SIGNIN_URL") or env.get("SLOGIN_ETUKORTTI_URL"):
        if not (env.get("SLOGIN_SIGNIN_URL") and env.get("SLOGIN_ETUKORTTI_URL")):
            raise ValueError(
                "To run against a real environment set both SLOGIN_SIGNIN_URL and "
                "SLOGIN_ETUKORTTI_URL (and MAILPIT_URL for its inbox), or better, describe "
                "it in an environment file and choose it with --env NAME; unset both to "
                "use the embedded stub world."
            )
        return apply_variables(EnvironmentProfile(name="variables", kind="remote"), env)
    if env.get("SLOGIN_WORLD_MANIFEST"):
        return apply_variables(EnvironmentProfile(name="served", kind="served"), env)
    default = ENVIRONMENTS_DIR / f"{DEFAULT_ENVIRONMENT}.toml"
    base = read_file(default) if default.is_file() else EnvironmentProfile()
    return apply_variables(base, env)


def read_file(path: Path) -> EnvironmentProfile:
    """Parse and check one environment file (its values only; no variables applied)."""
    where = shown_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{where} is not a readable TOML file: {exc}") from None
    _refuse_secrets(data, where)
    known = (*TOP_LEVEL, *TABLES, *FREE_TABLES)
    for key, value in data.items():
        if key not in known:
            raise ValueError(f"{where}: unknown key {key!r}. Known: {', '.join(known)}.")
        if key in TABLES:
            table = _table(value, key, where)
            unknown = sorted(set(table) - set(TABLES[key]))
            if unknown:
                raise ValueError(
                    f"{where}: unknown key {key}.{unknown[0]}. [{key}] takes "
                    f"{', '.join(TABLES[key])}."
                )
    kind = _text(data, "kind", where) or "stub"
    if kind not in KINDS:
        raise ValueError(f"{where}: kind={kind!r}; give one of {', '.join(KINDS)}.")
    host_table = _table_of(data, "hosts", where)
    sites = {k: _https(v, f"sites.{k}", where) for k, v in _table_of(data, "sites", where).items()}
    shops = {k: _https(v, f"shops.{k}", where) for k, v in _table_of(data, "shops", where).items()}
    hosts = {k: _host_address(v, f"hosts.{k}", where) for k, v in host_table.items()}
    tls, inbox_table = _table_of(data, "tls", where), _table_of(data, "inbox", where)
    timeouts, tags = _table_of(data, "timeouts", where), _table_of(data, "tags", where)
    mail = _table_of(data, "mail", where)
    users = {
        name: _user(name, _table(value, f"users.{name}", where), where)
        for name, value in _table_of(data, "users", where).items()
    }
    unsupported = tags.get("unsupported", [])
    if not isinstance(unsupported, list) or not all(isinstance(t, str) for t in unsupported):
        raise ValueError(f"{where}: tags.unsupported must be a list of tag names, without @.")
    profile = EnvironmentProfile(
        name=path.stem,
        kind=_kind(kind),
        source=path,
        description=_text(data, "description", where) or "",
        sites=sites,
        shops=shops,
        ca_file=_path_text(tls.get("ca_file"), "tls.ca_file", where),
        hosts=hosts,
        manifest=_path_text(data.get("manifest"), "manifest", where),
        inbox=Inbox(
            api_url=_inbox_url(inbox_table.get("api_url"), "inbox.api_url", where),
            smtp=_smtp(inbox_table.get("smtp"), "inbox.smtp", where),
            auth_env=_variable_name(inbox_table.get("auth_env"), "inbox.auth_env", where),
        ),
        mail_domain=_domain(mail.get("domain", DEFAULT_MAIL_DOMAIN), "mail.domain", where),
        users=users,
        unsupported_tags=tuple(t.removeprefix("@") for t in unsupported),
        email_timeout_s=_seconds(timeouts, "email_s", where),
        ui_timeout_s=_seconds(timeouts, "ui_s", where),
        world_start_timeout_s=_seconds(timeouts, "world_start_s", where),
    )
    check_complete(profile)
    return profile


def apply_variables(
    profile: EnvironmentProfile, env: Mapping[str, str], *, explicit: bool = False
) -> EnvironmentProfile:
    """The variables' values over the file's, each checked as the file's would be."""
    changes: dict[str, Any] = {}
    overridden: set[str] = set()

    def given(key: str) -> str | None:
        value = env.get(VARIABLES[key], "").strip()
        if value:
            overridden.add(key)
        return value or None

    site_vars = {k: given(f"sites.{k}") for k in SITES}
    if any(site_vars.values()) and profile.kind != "remote":
        shown = next(VARIABLES[f"sites.{k}"] for k, v in site_vars.items() if v)
        raise ValueError(
            f"{shown} is set, but environment {profile.label} is a {profile.kind} world: "
            "unset it, or choose a remote environment with --env."
        )
    sites = dict(profile.sites)
    for key, value in site_vars.items():
        if value:
            sites[key] = _https(value, VARIABLES[f"sites.{key}"], "the environment")
    changes["sites"] = sites
    if shops := given("shops"):
        changes["shops"] = _pairs(shops, VARIABLES["shops"], _https)
    if hosts := given("hosts"):
        changes["hosts"] = _pairs(hosts, VARIABLES["hosts"], _host_address)
    if ca_file := given("tls.ca_file"):
        changes["ca_file"] = ca_file
    manifest = given("manifest")
    if manifest:
        if profile.kind == "remote":
            raise ValueError(
                f"SLOGIN_WORLD_MANIFEST names a running stub world, but environment "
                f"{profile.label} is remote: unset one of them."
            )
        changes["manifest"], changes["kind"] = manifest, "served"
        if not explicit and profile.kind == "stub":
            changes["name"] = "served"
    api_url, smtp = given("inbox.api_url"), given("inbox.smtp")
    if api_url or smtp:
        changes["inbox"] = replace(
            profile.inbox,
            api_url=_inbox_url(api_url, "MAILPIT_URL", "the environment") or profile.inbox.api_url,
            smtp=_smtp(smtp, "MAILPIT_SMTP", "the environment") or profile.inbox.smtp,
        )
    if domain := given("mail.domain"):
        changes["mail_domain"] = _domain(domain, VARIABLES["mail.domain"], "the environment")
    for key, attribute in (
        ("timeouts.email_s", "email_timeout_s"),
        ("timeouts.ui_s", "ui_timeout_s"),
        ("timeouts.world_start_s", "world_start_timeout_s"),
    ):
        if text := given(key):
            changes[attribute] = setting_values.seconds(VARIABLES[key], text)
    result = replace(profile, overridden=frozenset(overridden), **changes)
    check_complete(result)
    return result


def check_complete(profile: EnvironmentProfile) -> None:
    """What each kind cannot do without."""
    if profile.kind == "remote":
        for key in ("signin", "etukortti"):
            if key not in profile.sites:
                raise ValueError(
                    f"Environment {profile.label} is remote but has no {key} URL: set "
                    f"{profile.where(f'sites.{key}')} (an https:// URL)."
                )
        if not profile.inbox.api_url:
            raise ValueError(
                f"Environment {profile.label} is remote but names no inbox: set "
                f"{profile.where('inbox.api_url')} to the Mailpit API that receives its mail."
            )
    if profile.kind == "served" and not profile.manifest:
        raise ValueError(
            f"Environment {profile.label} is a served world but names no manifest: set "
            f"{profile.where('manifest')} to the world.json that ./qa serve writes."
        )


# Checks of single values; `where` is the file (or "the environment" for a variable).


def _refuse_secrets(data: dict[str, Any], where: str, prefix: str = "") -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _refuse_secrets(value, where, f"{name}.")
        elif any(w in key.lower() for w in _SECRET_WORDS) and not key.endswith("_env"):
            raise ValueError(
                f"{where}: {name} holds a secret, and secrets never go in an environment "
                f"file. Put it in an environment variable and name that variable instead "
                f'({key}_env = "STAGING_{key.upper()}").'
            )


def _table(value: object, key: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: {key} must be a table ([{key}]).")
    return value


def _table_of(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    return _table(data.get(key, {}), key, where)


def _text(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{where}: {key} must be a string.")
    return value


def _url(
    value: object,
    key: str,
    where: str,
    *,
    schemes: tuple[str, ...],
    what: str,
    example: str,
    no_credentials: str,
) -> str:
    """One URL setting, stripped and checked: its scheme among `schemes`, a host, no
    credentials. The error names the setting, the value, what it should be (`what`) with
    an example, and for credentials where they belong instead (`no_credentials`)."""
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    if parts.scheme not in schemes or not parts.hostname:
        raise ValueError(f"{key}={value!r} in {where} is not {what} (for example {example}).")
    if parts.username or parts.password:
        raise ValueError(f"{key} in {where} carries credentials; {no_credentials}.")
    return text.rstrip("/")


def _https(value: object, key: str, where: str) -> str:
    return _url(
        value,
        key,
        where,
        schemes=("https",),
        what="an https:// URL of a site",
        example="https://login.staging.example.fi",
        no_credentials="give the site's public URL without them: customers sign in through "
        "its pages",
    )


def _inbox_url(value: object, key: str, where: str) -> str | None:
    if value is None:
        return None
    return _url(
        value,
        key,
        where,
        schemes=("http", "https"),
        what="the http(s):// URL of a Mailpit API",
        example="http://127.0.0.1:8025",
        no_credentials="name the variable that holds them with inbox.auth_env instead "
        "(secrets come from the environment only)",
    )


def _port_address(value: object, key: str, where: str, *, what: str, example: str) -> str:
    """A NAME:PORT setting, stripped and checked: a name, and a port from 1 to 65535."""
    text = value.strip() if isinstance(value, str) else ""
    name, _, port = text.rpartition(":")
    if not name or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{key}={value!r} in {where} is not {what} (for example {example}).")
    return text


def _smtp(value: object, key: str, where: str) -> str | None:
    if value is None:
        return None
    return _port_address(value, key, where, what="HOST:PORT", example="127.0.0.1:1025")


def _host_address(value: object, key: str, where: str) -> str:
    return _port_address(
        value,
        key,
        where,
        what="ADDRESS:PORT, where the name's connections should go",
        example="10.1.2.3:443",
    )


def _pairs(text: str, variable: str, check: Any) -> dict[str, str]:
    """`NAME=VALUE,NAME=VALUE` from a variable."""
    pairs: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(
                f"{variable} item {item!r} is not NAME=VALUE "
                "(for example prisma=https://www.prisma.fi,s-kaupat=https://www.s-kaupat.fi)"
            )
        pairs[name.strip()] = check(value, f"{variable} item {name.strip()}", "the environment")
    return pairs


def _path_text(value: object, key: str, where: str) -> str | None:
    """A file path; a relative one is taken from the project root, where ./qa runs."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key} must be a file path.")
    path = Path(value.strip()).expanduser()
    return str(path if path.is_absolute() else PROJECT_ROOT / path)


def _variable_name(value: object, key: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise ValueError(f"{where}: {key}={value!r} is not the name of an environment variable.")
    return value


def _domain(value: object, key: str, where: str) -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    if not _DOMAIN.match(text):
        raise ValueError(
            f"{key}={value!r} in {where} is not a mail domain (for example qa.example.fi)."
        )
    return text


def _seconds(table: dict[str, Any], key: str, where: str) -> float | None:
    if key not in table:
        return None
    return setting_values.seconds(f"timeouts.{key} in {where}", table[key])


def _user(name: str, table: dict[str, Any], where: str) -> TestUser:
    unknown = sorted(set(table) - set(USER_FIELDS))
    if unknown:
        raise ValueError(
            f"{where}: unknown key users.{name}.{unknown[0]}. A user takes "
            f"{', '.join(USER_FIELDS)}."
        )
    values = {k: v for k, v in table.items() if k in USER_FIELDS}
    for key, value in values.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: users.{name}.{key} must be a string.")
    email = values.get("email", "")
    if "@" not in email:
        raise ValueError(f"{where}: users.{name} needs email, the address the user signs in with.")
    phone = values.get("phone")
    if phone is not None and not _E164.match(phone):
        raise ValueError(
            f"{where}: users.{name}.phone={phone!r} is not a number in +358… form "
            "(for example +358401234567)."
        )
    card = values.get("card")
    if card is not None and not card.replace(" ", "").isdigit():
        raise ValueError(f"{where}: users.{name}.card={card!r} is not a card number (digits).")
    hetu = values.get("bank_identity")
    if hetu is not None and not _valid_hetu(hetu):
        raise ValueError(
            f"{where}: users.{name}.bank_identity={hetu!r} is not a personal identity code "
            "with a valid check character (DDMMYY-ZZZC, for example 010190-900P)."
        )
    return TestUser(
        name=name,
        email=email.strip(),
        phone=phone,
        card=card.replace(" ", "") if card else None,
        bank_identity=hetu,
    )


def _valid_hetu(text: str) -> bool:
    signs = "".join(CENTURY_SIGNS.values())
    match = re.fullmatch(rf"(\d{{6}})([{re.escape(signs)}])(\d{{3}})([0-9A-Y])", text)
    return match is not None and hetu_check(match.group(1) + match.group(3)) == match.group(4)


def _kind(text: str) -> Kind:
    for kind in KINDS:
        if text == kind:
            return kind
    raise ValueError(f"kind={text!r}; give one of {', '.join(KINDS)}.")
