"""An acknowledged message survives the server being killed with SIGKILL."""

from __future__ import annotations

import threading
import uuid

import socketio

from tests.support import ChatClient, LiveServer


def test_every_acknowledged_message_is_stored_exactly_once_after_sigkill(tmp_path):
    server = LiveServer(tmp_path / "data").start()
    conv = server.ask("Помогите с ЭЦП")
    citizen = ChatClient(server.base, conv["token"])
    acked: list[dict] = []
    sent: list[str] = []
    stop = threading.Event()
    many_acked = threading.Event()

    def keep_sending() -> None:
        while not stop.is_set():
            client_id = str(uuid.uuid4())
            sent.append(client_id)
            try:
                ack = citizen.send(f"сообщение {len(sent)}", client_id=client_id)
            except (
                socketio.exceptions.TimeoutError,
                socketio.exceptions.BadNamespaceError,
            ):
                return
            except Exception:  # noqa: BLE001  (the connection dies with the server)
                return
            if ack.get("ok"):
                acked.append(ack["message"])
                if len(acked) >= 40:
                    many_acked.set()

    sender = threading.Thread(target=keep_sending)
    sender.start()
    assert many_acked.wait(30), "the citizen could not send 40 messages"
    server.kill9()  # while the sender is in full flow
    stop.set()
    sender.join(15)
    citizen.close()

    restarted = LiveServer(server.data_dir).start()  # the same data dir
    try:
        stored = restarted.conversation(conv)["messages"]
        by_client = {}
        for m in stored:
            by_client.setdefault(m["client_id"], []).append(m)
        for m in acked:
            copies = by_client.get(m["client_id"], [])
            assert len(copies) == 1, f"{m['client_id']} stored {len(copies)} times"
            assert copies[0]["seq"] == m["seq"] and copies[0]["body"] == m["body"]
        seqs = [m["seq"] for m in stored]
        assert seqs == list(range(1, len(seqs) + 1))

        # the conversation goes on after the restart, with the next seq
        again = ChatClient(restarted.base, conv["token"])
        ack = again.send("я снова здесь")
        assert ack["ok"] and ack["message"]["seq"] == len(seqs) + 1
        again.close()
    finally:
        restarted.stop()
