"""Routing as volunteers and citizens see it through the chat protocol."""

from __future__ import annotations

import pytest

from tests.support import LiveServer


@pytest.fixture
def server(tmp_path):
    srv = LiveServer(tmp_path / "data", env={"HELPDESK_OFFER_TIMEOUT_S": "60"}).start()
    yield srv
    srv.stop()


def offers_to(client, conv_id, timeout=5.0):
    return client.wait_for(
        lambda n, d: n == "conversation:offer" and d["id"] == conv_id, timeout
    )


def test_offers_follow_language_limit_and_load(server, connect):
    aru = connect(
        server.base,
        server.create_staff("aru@example.org", languages="kk,ru", name="Ару"),
    )
    ben = connect(
        server.base,
        server.create_staff("ben@example.org", languages="ru,en", name="Ben"),
    )
    for v in (aru, ben):
        assert v.call("presence:set", {"status": "online"})["ok"]

    # language: a Kazakh question goes only to the Kazakh speaker
    kk = server.ask("ЭЦҚ қалай аламын?", lang="kk")
    assert offers_to(aru, kk["id"])
    assert not offers_to(ben, kk["id"], timeout=0.5)
    assert aru.call("conversation:accept", {"conversation_id": kk["id"]})["ok"]

    # least busy first: Ару holds one, so the Russian question goes to Ben
    ru1 = server.ask("Как записаться к врачу?", lang="ru")
    assert offers_to(ben, ru1["id"])
    assert ben.call("conversation:accept", {"conversation_id": ru1["id"]})["ok"]
    # both hold one; Ару was assigned longest ago, so she is next
    ru2 = server.ask("Как оплатить коммуналку?", lang="ru")
    assert offers_to(aru, ru2["id"])
    assert aru.call("conversation:accept", {"conversation_id": ru2["id"]})["ok"]

    # an English question can only go to Ben
    en = server.ask("How do I block my card?", lang="en")
    assert offers_to(ben, en["id"])
    assert ben.call("conversation:accept", {"conversation_id": en["id"]})["ok"]

    # the limit (3 by default): Ару takes a third, then has no room for a fourth
    kk2 = server.ask("Балабақшаға кезек", lang="kk")
    assert offers_to(aru, kk2["id"])
    assert aru.call("conversation:accept", {"conversation_id": kk2["id"]})["ok"]
    kk3 = server.ask("Құпиясөзді ұмыттым", lang="kk")
    assert not offers_to(aru, kk3["id"], timeout=0.5)
    ack = aru.call("conversation:accept", {"conversation_id": kk3["id"]})
    assert ack["ok"] is False and "3" in ack["error"]
    assert server.conversation(kk3)["status"] == "queued"

    # a freed slot brings the waiting conversation to her
    assert aru.call("conversation:close", {"conversation_id": kk["id"]})["ok"]
    assert offers_to(aru, kk3["id"])


def test_queue_positions_are_pushed_to_waiting_citizens(server, connect):
    convs = [server.ask(f"Вопрос {i}", lang="ru") for i in range(3)]
    kk = server.ask("Сұрақ", lang="kk")
    assert [server.conversation(c)["queue_position"] for c in convs] == [1, 2, 3]
    assert server.conversation(kk)["queue_position"] == 1  # counted within its language

    third = connect(server.base, convs[2]["token"])
    assert third.wait_for(
        lambda n, d: n == "conversation:state" and d["queue_position"] == 3
    )
    vol = connect(
        server.base, server.create_staff("ira@example.org", languages="ru", name="Ира")
    )
    assert vol.call("presence:set", {"status": "online"})["ok"]
    queue = vol.wait_for(lambda n, d: n == "queue:update" and len(d["waiting"]) == 3)
    assert queue and [c["id"] for c in queue[1]["waiting"]] == [c["id"] for c in convs]

    start = len(third.seen)
    assert vol.call("conversation:accept", {"conversation_id": convs[0]["id"]})["ok"]
    assert third.wait_for(
        lambda n, d: n == "conversation:state" and d["queue_position"] == 2, start=start
    )
    assert vol.call("conversation:accept", {"conversation_id": convs[1]["id"]})["ok"]
    assert third.wait_for(
        lambda n, d: n == "conversation:state" and d["queue_position"] == 1, start=start
    )
    assert vol.call("conversation:accept", {"conversation_id": convs[2]["id"]})["ok"]
    got = third.wait_for(
        lambda n, d: n == "conversation:state" and d["status"] == "active", start=start
    )
    assert (
        got
        and got[1]["volunteer"] == {"name": "Ира"}
        and got[1]["queue_position"] is None
    )


def test_away_volunteers_get_no_offers_and_taken_conversations_are_refused(
    server, connect
):
    a = connect(server.base, server.create_staff("a@example.org", languages="ru"))
    b = connect(server.base, server.create_staff("b@example.org", languages="ru"))
    assert a.call("presence:set", {"status": "away"})["ok"]
    assert b.call("presence:set", {"status": "online"})["ok"]
    conv = server.ask("Вопрос", lang="ru")
    assert offers_to(b, conv["id"])
    assert not offers_to(a, conv["id"], timeout=0.5)
    # anyone who speaks the language may still pick it from the queue
    assert a.call("conversation:accept", {"conversation_id": conv["id"]})["ok"]
    ack = b.call("conversation:accept", {"conversation_id": conv["id"]})
    assert ack["ok"] is False


def test_a_scam_in_progress_jumps_the_queue_and_goes_to_a_senior(server, connect):
    plain = [server.ask(f"Как восстановить пароль от eGov? ({i})") for i in range(2)]
    urgent = server.ask("Мне прямо сейчас звонят из банка и просят код из СМС!")
    state = server.conversation(urgent)
    assert state["urgent"] is True and state["queue_position"] == 1
    assert server.conversation(plain[0])["queue_position"] == 2
    assert server.conversation(plain[0])["urgent"] is False

    regular = connect(server.base, server.create_staff("r@example.org", languages="ru"))
    senior = connect(
        server.base,
        server.create_staff("s@example.org", languages="ru", level="senior"),
    )
    assert regular.call("presence:set", {"status": "online"})["ok"]
    # with nobody else online, the urgent one goes to whoever is there, first
    assert offers_to(regular, urgent["id"])
    assert regular.call("conversation:accept", {"conversation_id": urgent["id"]})["ok"]
    assert senior.call("presence:set", {"status": "online"})["ok"]
    # with both online, a new urgent question goes to the senior
    again = server.ask(
        "Звонит следователь, говорит срочно перевести деньги на безопасный счёт"
    )
    assert offers_to(senior, again["id"])
    assert not offers_to(regular, again["id"], timeout=0.5)
