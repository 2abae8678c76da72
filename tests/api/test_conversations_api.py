"""The JSON API: conversations, tokens and clear errors for bad input."""

from __future__ import annotations

import pytest

from tests.support import PASSWORD, make_staff


def test_a_citizen_asks_and_reads_their_conversation(client):
    r = client.post(
        "/api/conversations",
        json={
            "question": "  Как записаться к врачу?  ",
            "lang": "ru",
            "name": "Гульнара",
        },
    )
    assert r.status_code == 201
    conv = r.get_json()
    assert conv["status"] == "queued" and len(conv["token"]) >= 32
    r = client.get(
        f"/api/conversations/{conv['id']}",
        headers={"Authorization": f"Bearer {conv['token']}"},
    )
    assert r.status_code == 200
    body = r.get_json()
    assert body["queue_position"] == 1 and body["volunteer"] is None
    assert body["messages"][0]["seq"] == 1
    assert body["messages"][0]["body"] == "Как записаться к врачу?"
    assert body["messages"][0]["author"] == {"role": "citizen", "name": "Гульнара"}


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"lang": "ru"}, "question"),
        ({"question": "   ", "lang": "ru"}, "question"),
        ({"question": "x" * 4001, "lang": "ru"}, "question"),
        ({"question": 42, "lang": "ru"}, "question"),
        ({"question": "Вопрос"}, "lang"),
        ({"question": "Вопрос", "lang": "de"}, "lang"),
        ({"question": "Вопрос", "lang": "ru", "name": "n" * 81}, "name"),
        ({"question": "Вопрос", "lang": "ru", "name": {"a": 1}}, "name"),
    ],
)
def test_bad_questions_are_clear_400s(client, payload, field):
    r = client.post("/api/conversations", json=payload)
    assert r.status_code == 400
    assert r.get_json()["field"] == field and r.get_json()["error"]


@pytest.mark.parametrize(
    "data, ctype",
    [
        ("not json", "application/json"),
        ("[1, 2]", "application/json"),
        ("question=x", "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_400(client, data, ctype):
    r = client.post("/api/conversations", data=data, content_type=ctype)
    assert r.status_code == 400 and "error" in r.get_json()


def test_four_thousand_characters_are_accepted(client):
    r = client.post("/api/conversations", json={"question": "я" * 4000, "lang": "kk"})
    assert r.status_code == 201


def test_unknown_or_foreign_conversations_are_404_without_a_hint(client):
    a = client.post(
        "/api/conversations", json={"question": "A", "lang": "ru"}
    ).get_json()
    b = client.post(
        "/api/conversations", json={"question": "B", "lang": "ru"}
    ).get_json()
    for conv_id, headers in [
        (a["id"], {}),
        (a["id"], {"Authorization": f"Bearer {b['token']}"}),
        (a["id"], {"Authorization": "Bearer nonsense"}),
        (99999, {"Authorization": f"Bearer {a['token']}"}),
        ("abc", {"Authorization": f"Bearer {a['token']}"}),
    ]:
        r = client.get(f"/api/conversations/{conv_id}", headers=headers)
        assert r.status_code == 404
        assert r.get_json() == {"error": r.get_json()["error"]}


def test_staff_tokens_and_who_may_read(app, client):
    make_staff(app, "kk@example.org", languages="kk")
    r = client.post(
        "/api/auth/token", json={"email": "KK@example.org", "password": PASSWORD}
    )
    assert r.status_code == 200
    body = r.get_json()
    assert body["user"]["role"] == "volunteer" and body["token"]
    ru = client.post(
        "/api/conversations", json={"question": "Вопрос", "lang": "ru"}
    ).get_json()
    kk = client.post(
        "/api/conversations", json={"question": "Сұрақ", "lang": "kk"}
    ).get_json()
    auth = {"Authorization": f"Bearer {body['token']}"}
    assert client.get(f"/api/conversations/{kk['id']}", headers=auth).status_code == 200
    assert client.get(f"/api/conversations/{ru['id']}", headers=auth).status_code == 404
    _, mod_token = make_staff(app, "mod@example.org", role="moderator", languages="en")
    auth = {"Authorization": f"Bearer {mod_token}"}
    assert client.get(f"/api/conversations/{ru['id']}", headers=auth).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "kk@example.org", "password": "wrong password"},
        {"email": "nobody@example.org", "password": PASSWORD},
        {"email": 1, "password": None},
        {},
    ],
)
def test_bad_credentials_are_401(app, client, payload):
    make_staff(app, "kk@example.org")
    r = client.post("/api/auth/token", json=payload)
    assert r.status_code == 401 and "error" in r.get_json()


def test_revoked_and_expired_tokens_stop_working(app, client):
    from datetime import timedelta

    from sqlmodel import select

    from helpdesk.db import write_session
    from helpdesk.models import ApiToken
    from helpdesk.services.users import hash_token, revoke_token, user_for_token

    _, token = make_staff(app, "v@example.org")
    _, other = make_staff(app, "w@example.org")
    engine = app.extensions["helpdesk"].engine
    with write_session(engine) as session:
        assert user_for_token(session=session, token=token) is not None
        assert revoke_token(session=session, token=token)
    with write_session(engine) as session:
        assert user_for_token(session=session, token=token) is None
        row = session.exec(
            select(ApiToken).where(ApiToken.token_hash == hash_token(other))
        ).one()
        row.expires_at = row.created_at - timedelta(seconds=1)
    with write_session(engine) as session:
        assert user_for_token(session=session, token=other) is None


def test_health_and_json_errors_for_unknown_routes(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and "error" in r.get_json()
    r = client.delete("/api/conversations")
    assert r.status_code == 405 and "error" in r.get_json()
