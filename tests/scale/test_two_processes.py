"""Two server processes on one PostgreSQL database and one Redis act as one."""

from __future__ import annotations

import uuid

from tests.support import LiveServer


def test_a_citizen_and_a_volunteer_on_different_processes_talk(
    tmp_path, pg_url, redis_url, connect
):
    env = {
        "HELPDESK_DATABASE_URL": pg_url,
        "HELPDESK_REDIS_URL": redis_url,
        "HELPDESK_REDIS_CHANNEL": f"helpdesk-test-{uuid.uuid4().hex}",
        "HELPDESK_SECRET_KEY": "shared-secret-for-both-processes",
    }
    one = LiveServer(tmp_path / "one", env=env).start()
    two = LiveServer(tmp_path / "two", env=env).start()
    try:
        token = one.create_staff("vol@example.org", languages="ru", name="Дана")
        conv = two.ask("Как записаться к врачу через интернет?")
        volunteer = connect(one.base, token)
        citizen = connect(two.base, conv["token"])
        assert volunteer.call("presence:set", {"status": "online"})["ok"]
        # the offer made on process two's request reaches the volunteer on one
        assert volunteer.wait_for(
            lambda n, d: n == "conversation:offer" and d["id"] == conv["id"]
        )
        assert volunteer.call("conversation:accept", {"conversation_id": conv["id"]})[
            "ok"
        ]
        assert citizen.wait_for(
            lambda n, d: n == "conversation:state" and d["status"] == "active"
        )
        assert volunteer.send("Здравствуйте!", conversation_id=conv["id"])["ok"]
        assert citizen.wait_message("Здравствуйте!")
        assert citizen.send("Спасибо")["ok"]
        assert volunteer.wait_message("Спасибо")
        stored = one.conversation(conv)["messages"]
        assert [m["seq"] for m in stored] == list(range(1, len(stored) + 1))
    finally:
        one.stop()
        two.stop()
