"""Development tooling that checks the code base (not part of the portal; never imported by it)."""
