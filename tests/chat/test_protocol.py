"""The chat protocol through real Socket.IO clients against a real server."""

from __future__ import annotations

import uuid

import pytest
import requests
import socketio


@pytest.fixture
def pair(shared_server, connect):
    """A citizen's conversation accepted by a volunteer; both connected."""
    vtoken = shared_server.create_staff(
        f"v-{uuid.uuid4().hex[:8]}@example.org", languages="ru,kk", name="Айгерим"
    )
    conv = shared_server.ask("Как получить справку о несудимости?", name="Сауле")
    vol = connect(shared_server.base, vtoken)
    assert vol.call("presence:set", {"status": "online"})["ok"]
    cit = connect(shared_server.base, conv["token"])
    ack = vol.call("conversation:accept", {"conversation_id": conv["id"]})
    assert ack["ok"], ack
    assert ack["conversation"]["status"] == "active"
    return conv, vol, cit, vtoken


def test_messages_flow_both_ways_and_volunteer_name_reaches_citizen(pair):
    conv, vol, cit, _ = pair
    state = cit.wait_for(
        lambda n, d: n == "conversation:state" and d["status"] == "active"
    )
    assert state and state[1]["volunteer"] == {"name": "Айгерим"}

    ack = vol.send("Здравствуйте! Сейчас помогу.", conversation_id=conv["id"])
    assert ack["ok"] and ack["message"]["author"]["role"] == "volunteer"
    got = cit.wait_message("Здравствуйте! Сейчас помогу.")
    assert got and got["author"]["name"] == "Айгерим"

    ack = cit.send("Спасибо, жду")
    assert ack["ok"] and ack["message"]["author"] == {
        "role": "citizen",
        "name": "Сауле",
    }
    assert vol.wait_message("Спасибо, жду")


def test_resending_a_client_id_returns_the_stored_message_once(pair, shared_server):
    conv, vol, cit, _ = pair
    client_id = str(uuid.uuid4())
    first = cit.send("Алло?", client_id=client_id)
    second = cit.send("Алло?", client_id=client_id)
    assert first["ok"] and second["ok"]
    assert first["message"] == second["message"]
    vol.wait_message("Алло?")
    marker = cit.send("после")
    assert vol.wait_message("после")
    assert [m["body"] for m in vol.messages()].count("Алло?") == 1
    stored = shared_server.conversation(conv)["messages"]
    assert [m["body"] for m in stored].count("Алло?") == 1
    assert marker["message"]["seq"] == first["message"]["seq"] + 1


def test_seq_is_gap_free_and_reconnect_replays_exactly_the_missed(
    pair, shared_server, connect
):
    conv, vol, cit, _ = pair
    for i in range(5):
        assert cit.send(f"c{i}")["ok"]
        assert vol.send(f"v{i}", conversation_id=conv["id"])["ok"]
    stored = shared_server.conversation(conv)["messages"]
    seqs = [m["seq"] for m in stored]
    assert seqs == list(range(1, len(seqs) + 1))
    assert stored[0]["body"].startswith("Как получить справку")

    seen = max(m["seq"] for m in cit.messages())
    cit.close()
    missed = [
        vol.send(f"пока вас не было {i}", conversation_id=conv["id"]) for i in range(3)
    ]
    back = connect(shared_server.base, conv["token"], last_seq=seen)
    last = missed[-1]["message"]["seq"]
    assert back.wait_for(lambda n, d: n == "message:new" and d["seq"] == last)
    assert [m["seq"] for m in back.messages()] == list(range(seen + 1, last + 1))

    join = vol.call("conversation:join", {"conversation_id": conv["id"], "last_seq": 5})
    assert [m["seq"] for m in join["messages"]] == list(range(6, last + 1))
    plain = connect(shared_server.base, conv["token"])
    assert plain.wait_for(lambda n, d: n == "conversation:state", 5)
    assert plain.messages() == []


def test_no_cross_access_between_citizens_and_volunteers(pair, shared_server, connect):
    conv, vol, cit, _ = pair
    other = shared_server.ask("Другой вопрос")
    r = requests.get(
        f"{shared_server.base}/api/conversations/{conv['id']}",
        headers={"Authorization": f"Bearer {other['token']}"},
        timeout=10,
    )
    assert r.status_code == 404
    intruder = connect(shared_server.base, other["token"])
    ack = intruder.send("вторжение", conversation_id=conv["id"])
    assert ack["ok"] and ack["message"]["conversation_id"] == other["id"]

    outsider_token = shared_server.create_staff(
        f"o-{uuid.uuid4().hex[:8]}@example.org", languages="ru"
    )
    outsider = connect(shared_server.base, outsider_token)
    ack = outsider.send("не мой разговор", conversation_id=conv["id"])
    assert ack == {"ok": False, "error": ack["error"]}
    join = outsider.call("conversation:join", {"conversation_id": conv["id"]})
    assert join["ok"] is False
    r = requests.get(
        f"{shared_server.base}/api/conversations/{conv['id']}",
        headers={"Authorization": f"Bearer {outsider_token}"},
        timeout=10,
    )
    assert r.status_code == 404

    bodies = [m["body"] for m in shared_server.conversation(conv)["messages"]]
    assert "вторжение" not in bodies and "не мой разговор" not in bodies
    assert not cit.wait_for(
        lambda n, d: (
            n == "message:new" and d["body"] in ("вторжение", "не мой разговор")
        ),
        timeout=0.5,
    )


@pytest.mark.parametrize("token", ["not-a-token", "", None, 42, ["x"], "x" * 5000])
def test_a_bad_token_is_refused_at_connect(shared_server, token):
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            shared_server.base,
            auth={"token": token} if token is not None else None,
            transports=["websocket"],
            wait_timeout=5,
        )
    assert not client.connected


@pytest.mark.parametrize(
    "payload",
    [
        {"client_id": "x"},
        {"client_id": "x", "body": "   "},
        {"client_id": "x", "body": "a" * 4001},
        {"client_id": "", "body": "hi"},
        {"client_id": "x" * 65, "body": "hi"},
        {"client_id": 5, "body": "hi"},
        {"body": "hi"},
        {"client_id": "x", "body": ["list"]},
        "not an object",
        None,
    ],
)
def test_bad_messages_get_an_error_ack_and_keep_the_connection(pair, payload):
    conv, vol, cit, _ = pair
    ack = cit.call("message:send", payload)
    assert ack["ok"] is False and isinstance(ack["error"], str) and ack["error"]
    assert cit.sio.connected
    assert cit.send("still here")["ok"]


def test_bad_staff_events_get_error_acks(pair):
    conv, vol, cit, _ = pair
    for event, data in [
        ("conversation:accept", {"conversation_id": "abc"}),
        ("conversation:accept", {"conversation_id": 10**30}),
        ("conversation:join", {"conversation_id": conv["id"], "last_seq": -1}),
        ("conversation:join", {"conversation_id": conv["id"], "last_seq": 10**30}),
        ("conversation:join", {"conversation_id": conv["id"], "last_seq": "1e3"}),
        ("presence:set", {"status": "sleeping"}),
        ("conversation:transfer", {"conversation_id": conv["id"], "to_user_id": "x"}),
        ("no:such:event", {}),
    ]:
        ack = vol.call(event, data)
        assert ack["ok"] is False and ack["error"], (event, ack)
    assert vol.sio.connected
    assert vol.send("ok", conversation_id=conv["id"])["ok"]


def test_four_thousand_characters_is_the_limit(pair):
    conv, vol, cit, _ = pair
    assert cit.send("я" * 4000)["ok"]
    assert cit.send("я" * 4001)["ok"] is False


def test_closing_stops_messages_and_the_citizen_can_rate(pair):
    conv, vol, cit, _ = pair
    ack = vol.call(
        "conversation:close", {"conversation_id": conv["id"], "resolution": "answered"}
    )
    assert ack["ok"] and ack["conversation"]["status"] == "closed"
    assert cit.wait_for(
        lambda n, d: n == "conversation:state" and d["status"] == "closed"
    )
    assert cit.send("ещё вопрос")["ok"] is False
    assert cit.call("conversation:rate", {"score": 6})["ok"] is False
    assert cit.call("conversation:rate", {"score": 5, "comment": "Спасибо!"}) == {
        "ok": True
    }


def test_a_page_of_another_site_cannot_open_a_connection(shared_server, pair):
    conv, *_ = pair
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            shared_server.base,
            auth={"token": conv["token"]},
            transports=["polling"],
            headers={"Origin": "http://evil.example"},
            wait_timeout=5,
        )
    assert not client.connected
