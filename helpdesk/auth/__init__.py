"""Staff sign-in and sign-out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import UserMixin, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from helpdesk.db import read_session
from helpdesk.errors import NotAuthenticated
from helpdesk.extensions import limiter, login_manager
from helpdesk.models import User
from helpdesk.runtime import runtime
from helpdesk.services.users import authenticate

bp = Blueprint("auth", __name__)


class StaffLogin(UserMixin):
    """The logged-in staff member as Flask-Login sees them."""

    def __init__(self, user: User) -> None:
        self.id = user.id
        self.name = user.name
        self.role = user.role
        self.languages = user.language_list

    def get_id(self) -> str:
        """The id kept in the session cookie."""
        return str(self.id)


@login_manager.user_loader
def load_user(user_id: str) -> StaffLogin | None:
    """The session's staff member, while the account is active."""
    if not user_id.isdigit():
        return None
    with read_session(runtime().engine) as session:
        user = session.get(User, int(user_id))
        if user is None or not (user.is_active and user.is_approved):
            return None
        return StaffLogin(user)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(
        lazy_gettext("Email"), validators=[DataRequired(), Length(max=254)]
    )
    password = PasswordField(
        lazy_gettext("Password"), validators=[DataRequired(), Length(max=200)]
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():  # type: ignore[no-untyped-def]
    """The staff sign-in page."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            with read_session(runtime().engine) as session:
                user = authenticate(
                    session=session,
                    email=form.email.data or "",
                    password=form.password.data or "",
                )
                login_user(StaffLogin(user), remember=True)
        except NotAuthenticated:
            flash(gettext("Wrong email or password."), "error")
        else:
            target = request.args.get("next", "")
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("volunteer.console")
            return redirect(target)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():  # type: ignore[no-untyped-def]
    """Sign out."""
    logout_user()
    return redirect(url_for("citizen.index"))
