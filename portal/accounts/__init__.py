"""Public accounts (django-allauth) and what a person can do with their own data.

- `adapter.py`: allauth's adapter — mails through the project's mail settings, a failed mail
  said on screen instead of a server error;
- `urls.py`: allauth's views under Vietnamese paths (/tai-khoan/...), and ours;
- `views.py`: the account page, the personal-data download and erasure (signed in), the signed
  e-mail link for commenters without an account;
- `personal_data.py`: what the portal holds about a person, gathered from the apps below;
- `demo.py`: the demo accounts per role (development only).
Templates: portal/templates/account/ (allauth's names) and portal/templates/accounts/.
"""
