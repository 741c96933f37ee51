"""The managed server's generated password (pure logic, no server)."""

from graph.server import generate_password


def test_generated_passwords_never_look_like_an_option() -> None:
    # token_urlsafe could start with '-', which neo4j-admin read as an option
    passwords = {generate_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert all(p.isalnum() and len(p) == 24 for p in passwords)
