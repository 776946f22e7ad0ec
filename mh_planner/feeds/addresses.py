"""Secret addresses for `mh-planner serve` and `publish`, like Google Calendar's "secret address in iCal
format".

Each feed (and the index) gets a random token; its address is `/<token>/<hub>-<kind>-<id>.ics`. Knowing
one address reveals nothing about any other. The tokens are kept with the data, in
`<data>/.feeds-secrets.yaml` (readable by its owner only), so that they survive a rebuilt or deleted
export folder and are never published with it. A feed that disappears (a person taken out of the plan)
keeps its token in the file, unserved, so that if it comes back its subscribers' address works again;
`--rotate` replaces every token and forgets those of feeds that are gone, revoking every address handed
out, and deleting one line re-issues that feed's address alone.

A request is matched by the public part of its address (the feed's name), then its token is compared with
that feed's in constant time (`hmac.compare_digest`): looking the token itself up in a dict would take a
time that depends on the secret.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

import yaml

from mh_planner.feeds.write import PRIVATE, write_if_changed

SECRETS_FILE = ".feeds-secrets.yaml"
INDEX_KEY = "index.html"
TOKEN_BYTES = 24  # 192 bits, 32 URL-safe characters
HEADER = """\
# Secret addresses of the feeds served by `mh-planner serve` (see docs/feeds.md).
# Anyone with a token can read that calendar: do not commit, publish or share this file.
# `mh-planner serve --rotate` replaces every token; deleting a line re-issues that feed's address alone.
"""


class SecretsError(Exception):
    pass


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Secrets:
    """Feed path (e.g. 'ee2/person-pshah.ics') -> token, and back."""

    def __init__(self, path: Path, tokens: dict[str, str] | None = None) -> None:
        self.path = path
        self.tokens: dict[str, str] = dict(tokens or {})

    @classmethod
    def load(cls, path: Path, *, rotate: bool = False) -> Secrets:
        if rotate or not path.exists():
            return cls(path)
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise SecretsError(f"cannot read {path}: {exc} (fix it, or use --rotate to issue new addresses)") from exc
        if not isinstance(document, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in document.items()
        ):
            raise SecretsError(f"{path} is not a list of 'feed: token' lines (fix it, or use --rotate)")
        return cls(path, document)

    def ensure(self, keys: Iterable[str]) -> bool:
        """A token for every key that has none. Tokens of keys not asked for are kept: a feed that is gone
        and comes back gets its old address again. True if anything changed."""
        wanted = set(keys) | {INDEX_KEY}
        before = dict(self.tokens)
        used = set(self.tokens.values())
        for key in sorted(wanted - set(self.tokens)):
            token = new_token()
            while token in used:
                token = new_token()
            used.add(token)
            self.tokens[key] = token
        return self.tokens != before

    def save(self) -> None:
        body = yaml.safe_dump(dict(sorted(self.tokens.items())), default_flow_style=False, sort_keys=False)
        write_if_changed(self.path, (HEADER + body).encode(), mode=PRIVATE)

    def token(self, key: str) -> str:
        return self.tokens[key]
