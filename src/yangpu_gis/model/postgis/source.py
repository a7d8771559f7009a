"""`postgresql://USER@HOST:PORT/DB?table=[SCHEMA.]TABLE`: a PostGIS layer's address.

The address is a libpq connection URI with one extra parameter, `table`. The password
is never part of what is kept: libpq reads it from ~/.pgpass (or PGPASSWORD), and the
app asks for it and holds it in memory only. A password written into the URI is
accepted for the session but stripped from `uri`, which projects and settings save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from yangpu_gis.model.load_errors import LoadError

SCHEMES = ("postgresql://", "postgres://")


def is_postgis_uri(text) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class PgSource:
    connection_uri: str  # libpq URI without the password and without `table`
    schema: str
    table: str
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def qualified(self) -> str:
        """The table for SQL: "schema"."table" (quoted, so any name is safe)."""
        return f"{quote_identifier(self.schema)}.{quote_identifier(self.table)}"

    @property
    def table_label(self) -> str:
        return self.table if self.schema == "public" else f"{self.schema}.{self.table}"

    @property
    def uri(self) -> str:
        """The layer's address as saved: no password."""
        return with_table(self.connection_uri, self.table_label)

    @property
    def database_label(self) -> str:
        parts = urlsplit(self.connection_uri)
        return f"{parts.hostname or 'localhost'}/{parts.path.lstrip('/') or '?'}"

    def connect_kwargs(self) -> dict:
        return {"password": self.password} if self.password else {}

    def with_password(self, password: str | None) -> PgSource:
        return PgSource(self.connection_uri, self.schema, self.table, password)


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def with_table(connection_uri: str, table: str) -> str:
    parts = urlsplit(connection_uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in query if k != "table"] + [("table", table)]
    return urlunsplit(parts._replace(query=urlencode(query, safe=".")))


def split_uri(text: str) -> tuple[str, str | None, str | None]:
    """(connection URI without password and table, password or None, table or None)."""
    text = text.strip()
    if not is_postgis_uri(text):
        raise LoadError.of("pg_not_an_address", address=repr(text))
    parts = urlsplit(text)
    password = unquote(parts.password) if parts.password else None
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if parts.username:
        netloc = f"{quote(unquote(parts.username), safe='')}@{netloc}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    tables = [v for k, v in query if k == "table"]
    rest = [(k, v) for k, v in query if k not in ("table", "password")]
    if any(k == "password" for k, _ in query):
        password = next(v for k, v in query if k == "password")
    cleaned = urlunsplit(parts._replace(netloc=netloc, query=urlencode(rest)))
    return cleaned, password, (tables[-1] if tables else None)


def parse_source(text: str) -> PgSource:
    """A PostGIS layer address, checked; LoadError (one line) when it is not one."""
    connection_uri, password, table = split_uri(text)
    if not urlsplit(connection_uri).path.strip("/"):
        raise LoadError.of("pg_name_database", address=redacted(text))
    if not table:
        raise LoadError.of("pg_name_table", address=redacted(text))
    schema, _, name = table.rpartition(".")
    schema = schema or "public"
    # Names are always quoted in SQL (quote_identifier), so any non-empty name is safe.
    if not name.strip() or not schema.strip():
        raise LoadError.of("pg_not_table_name", address=redacted(text), table=repr(table))
    return PgSource(connection_uri, schema, name, password)


def redacted(text: str) -> str:
    """The address with any password taken out, for messages and logs."""
    try:
        connection_uri, _password, table = split_uri(text)
    except LoadError:
        return text
    return with_table(connection_uri, table) if table else connection_uri
