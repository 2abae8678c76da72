"""Chat latency: how long a citizen waits for `message:send` to be acknowledged
(stored and committed) and for the volunteer to see it, against a floor.

The floor is the same server answering an event it does not know: a Socket.IO
round trip through the same process with no database work. The ratio says
what storing a message durably costs on top of the transport.

    python bench/chat_latency.py [--n 300] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
import socketio


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPDESK_")}
    env.update(
        HELPDESK_DATA_DIR=str(data_dir),
        HELPDESK_RATELIMIT_ENABLED="0",
        HELPDESK_IMPORT_STARTER_KB="0",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpdesk", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if b"helpdesk ready" in line:
            break
    else:
        raise SystemExit("the server did not start")
    return proc, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="messages to send")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="chat-bench-")) / "data"
    proc, base = start_server(data_dir)
    try:
        password = "bench password 1"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "helpdesk",
                "users",
                "create",
                "--email",
                "v@example.org",
                "--name",
                "V",
                "--role",
                "volunteer",
                "--languages",
                "ru",
                "--password-stdin",
                "--data-dir",
                str(data_dir),
            ],
            input=password + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
        vtoken = requests.post(
            base + "/api/auth/token",
            json={"email": "v@example.org", "password": password},
            timeout=10,
        ).json()["token"]
        conv = requests.post(
            base + "/api/conversations",
            json={"question": "Вопрос", "lang": "ru"},
            timeout=10,
        ).json()
        inbox: queue.Queue[tuple[float, dict]] = queue.Queue()
        vol = socketio.Client()
        vol.on("message:new", lambda m: inbox.put((time.perf_counter(), m)))
        vol.connect(base, auth={"token": vtoken}, transports=["websocket"])
        vol.call("conversation:accept", {"conversation_id": conv["id"]})
        cit = socketio.Client()
        cit.connect(base, auth={"token": conv["token"]}, transports=["websocket"])

        floor, ack, seen = [], [], []
        for _ in range(args.n):
            t0 = time.perf_counter()
            cit.call("no:such:event", {})
            floor.append(time.perf_counter() - t0)
        while not inbox.empty():
            inbox.get()
        for i in range(args.n):
            t0 = time.perf_counter()
            reply = cit.call(
                "message:send", {"client_id": str(uuid.uuid4()), "body": f"m{i}"}
            )
            ack.append(time.perf_counter() - t0)
            assert reply["ok"], reply
            while True:
                t1, m = inbox.get(timeout=10)
                if m["body"] == f"m{i}":
                    seen.append(t1 - t0)
                    break
        cit.disconnect()
        vol.disconnect()
    finally:
        proc.terminate()
        proc.wait(10)

    def row(name: str, values: list[float]) -> str:
        p50, p99 = percentile(values, 50) * 1000, percentile(values, 99) * 1000
        ratio = statistics.median(values) / statistics.median(floor)
        return f"| {name} | {p50:.2f} | {p99:.2f} | {ratio:.1f}x |"

    print(f"{args.n} messages, SQLite in {data_dir}")
    print("| round trip | p50 ms | p99 ms | median / floor |")
    print("| --- | ---: | ---: | ---: |")
    print(row("floor: unknown event, no database", floor))
    print(row("message:send acknowledged (committed)", ack))
    print(row("volunteer receives message:new", seen))


if __name__ == "__main__":
    main()
