"""Debian's dovecot on a loopback port, with a throw-away configuration and one user."""

from __future__ import annotations

import imaplib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.odoo_server import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
first_valid_gid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    auto = create
    special_use = \\Sent
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


class ImapServer:
    user = "sales"
    password = "s3cret"

    def __init__(self) -> None:
        if not os.path.exists(DOVECOT):
            raise RuntimeError("dovecot is not installed: run scripts/test-servers")
        self.root = Path(tempfile.mkdtemp(prefix="crm-sync-imap-"))
        self.port = free_port()
        (self.root / "users").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir()
        os.chmod(self.root, 0o755)
        uid, gid = self._mail_owner()
        os.chown(self.root / "home", uid, gid)
        (self.root / "dovecot.conf").write_text(
            CONFIG.format(root=self.root, port=self.port, uid=uid, gid=gid)
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                self.connect().logout()
                return
            except OSError:
                time.sleep(0.2)
        log = (
            (self.root / "dovecot.log").read_text() if (self.root / "dovecot.log").exists() else ""
        )
        self.close()
        raise RuntimeError(f"dovecot did not start:\n{log}")

    @staticmethod
    def _mail_owner() -> tuple[int, int]:
        """Dovecot never runs mail processes as root: as root, mail belongs to 'dovecot'."""
        if os.getuid() != 0:
            return os.getuid(), os.getgid()
        import pwd

        entry = pwd.getpwnam("dovecot")
        return entry.pw_uid, entry.pw_gid

    def connect(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        connection.login(self.user, self.password)
        return connection

    def append(self, raw: bytes, folder: str = "INBOX", seen: bool = False) -> None:
        connection = self.connect()
        connection.append(folder, "(\\Seen)" if seen else None, None, raw)
        connection.logout()

    def flags(self, folder: str = "INBOX") -> list[bytes]:
        connection = self.connect()
        connection.select(folder, readonly=True)
        _status, data = connection.fetch("1:*", "(FLAGS)")
        connection.logout()
        return [item for item in data if item]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)
