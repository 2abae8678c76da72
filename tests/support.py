"""Test helpers: staff builders, a live server process, a Socket.IO client."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests
import socketio

from helpdesk.db import write_session
from helpdesk.services.users import create_user, issue_token

PASSWORD = "correct horse 42!"


def make_staff(
    app,
    email: str,
    *,
    role: str = "volunteer",
    languages: str = "kk,ru",
    level: str = "volunteer",
    name: str | None = None,
    max_chats: int | None = None,
) -> tuple[int, str]:
    """Create a staff member; returns (id, bearer token)."""
    with app.app_context(), write_session(app.extensions["helpdesk"].engine) as session:
        user = create_user(
            session=session,
            email=email,
            name=name or email.split("@")[0],
            role=role,
            password=PASSWORD,
            languages=languages,
            level=level,
            max_chats=max_chats,
        )
        assert user.id is not None  # flushed: the database gave it its id
        return user.id, issue_token(session=session, user=user)


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`helpdesk serve` in a subprocess on a data dir of its own."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # the server's settings come from here only, not from the caller's shell
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith("HELPDESK_")
        }
        self.env = {
            **inherited,
            "HELPDESK_DATA_DIR": str(data_dir),
            "HELPDESK_RATELIMIT_ENABLED": "0",
            "HELPDESK_IMPORT_STARTER_KB": "0",
            **(env or {}),
        }
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / f"server-{self.port}.log"

    def start(self, timeout: float = 30) -> LiveServer:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "helpdesk",
                "serve",
                "--port",
                str(self.port),
                "--threads",
                "50",
            ],
            cwd=self.data_dir.parent,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        ready = threading.Event()
        proc = self.proc

        def pump() -> None:
            # copy the server's output to its log; the worker says when it serves
            assert proc.stdout is not None
            with open(self.log, "ab") as log:
                for line in proc.stdout:
                    log.write(line)
                    log.flush()
                    if b"helpdesk ready" in line:
                        ready.set()
            proc.stdout.close()
            ready.set()

        self.pump = threading.Thread(target=pump, daemon=True)
        self.pump.start()
        if not ready.wait(timeout) or self.proc.poll() is not None:
            raise RuntimeError("server did not start: " + self.log.read_text()[-2000:])
        return self

    def kill9(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.pump.join(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.pump.join(10)

    def errors(self) -> list[str]:
        """Tracebacks the server logged: each one is a bug, whatever the test."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return [part[:1500] for part in text.split("Traceback")[1:]]

    def cli(
        self, *args: str, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "helpdesk", *args],
            cwd=self.data_dir.parent,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def create_staff(
        self,
        email: str,
        *,
        role: str = "volunteer",
        languages: str = "kk,ru",
        name: str | None = None,
        level: str = "volunteer",
    ) -> str:
        r = self.cli(
            "users",
            "create",
            "--email",
            email,
            "--name",
            name or email.split("@")[0],
            "--role",
            role,
            "--languages",
            languages,
            "--level",
            level,
            "--password-stdin",
            input=PASSWORD + "\n",
        )
        assert r.returncode == 0, r.stderr
        res = requests.post(
            self.base + "/api/auth/token",
            json={"email": email, "password": PASSWORD},
            timeout=10,
        )
        assert res.status_code == 200, res.text
        return res.json()["token"]

    def ask(self, question: str, lang: str = "ru", **extra: str) -> dict:
        res = requests.post(
            self.base + "/api/conversations",
            json={"question": question, "lang": lang, **extra},
            timeout=10,
        )
        assert res.status_code == 201, res.text
        return res.json()

    def conversation(self, conv: dict) -> dict:
        res = requests.get(
            self.base + f"/api/conversations/{conv['id']}",
            headers={"Authorization": f"Bearer {conv['token']}"},
            timeout=10,
        )
        assert res.status_code == 200, res.text
        return res.json()


class ChatClient:
    """A real python-socketio client that records every event it receives."""

    def __init__(
        self, base: str, token: str | None, last_seq: int | None = None
    ) -> None:
        import queue

        self.sio = socketio.Client(reconnection=False)
        self.events: queue.Queue[tuple[str, object]] = queue.Queue()
        self.seen: list[tuple[str, object]] = []
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

        @self.sio.on("*")
        def any_event(event: str, data: object = None) -> None:
            with self.changed:
                self.seen.append((event, data))
                self.changed.notify_all()

        auth: dict[str, object] = {}
        if token is not None:
            auth["token"] = token
        if last_seq is not None:
            auth["last_seq"] = last_seq
        self.sio.connect(base, auth=auth, transports=["websocket"], wait_timeout=10)

    def call(self, event: str, data: object = None, timeout: float = 10) -> dict:
        return self.sio.call(event, data, timeout=timeout)

    def send(
        self,
        body: str,
        conversation_id: int | None = None,
        client_id: str | None = None,
    ) -> dict:

        payload: dict[str, object] = {
            "client_id": client_id or str(uuid.uuid4()),
            "body": body,
        }
        if conversation_id is not None:
            payload["conversation_id"] = conversation_id
        return self.call("message:send", payload)

    def wait_for(self, pred, timeout: float = 10, start: int = 0):
        """The first event (name, data) from index `start` on for which pred holds."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for name, data in self.seen[start:]:
                    if pred(name, data):
                        return name, data
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.changed.wait(left)

    def messages(self) -> list[dict]:
        with self.lock:
            return [d for n, d in self.seen if n == "message:new"]  # type: ignore[misc]

    def wait_message(self, body: str, timeout: float = 10) -> dict | None:
        got = self.wait_for(
            lambda n, d: n == "message:new" and d.get("body") == body, timeout
        )
        return got[1] if got else None

    def received(self, event: str) -> list:
        with self.lock:
            return [d for n, d in self.seen if n == event]

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:  # noqa: BLE001
            pass
