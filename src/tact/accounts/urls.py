from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from tact.accounts import views
from tact.accounts.login_throttle import ThrottledLoginView

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        ThrottledLoginView.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_done",
    ),
    path("profile/", views.profile, name="profile"),
    path("unlock/", views.unlock, name="unlock"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
