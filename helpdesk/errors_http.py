"""Errors at the HTTP edge: JSON for the API, pages for people."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from helpdesk.errors import HelpdeskError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def register(app: Flask) -> None:
    """Map domain and HTTP errors to answers."""

    @app.errorhandler(HelpdeskError)
    def domain_error(exc: HelpdeskError):  # type: ignore[no-untyped-def]
        if _wants_json():
            body = {"error": exc.message}
            if getattr(exc, "field", None):
                body["field"] = exc.field  # type: ignore[attr-defined]
            return jsonify(body), exc.status
        return render_template("error.html", message=exc.message), exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
        messages = {
            400: gettext("The request is not valid."),
            401: gettext("Please sign in."),
            403: gettext("You may not do this."),
            404: gettext("Not found."),
            405: gettext("This method is not allowed here."),
            413: gettext("The request is too large."),
            429: gettext("Too many requests; please wait a moment."),
        }
        message = messages.get(
            exc.code or 500, gettext("The request could not be handled.")
        )
        if exc.code == 400 and exc.description and "CSRF" in exc.description:
            message = gettext("The form has expired; please try again.")
        if _wants_json():
            return jsonify(error=message), exc.code
        return render_template("error.html", message=message), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):  # type: ignore[no-untyped-def]
        log.exception("unhandled error")
        message = gettext("Something went wrong on our side; please try again.")
        if _wants_json():
            return jsonify(error=message), 500
        return render_template("error.html", message=message), 500
