"""`bemanna serve` in production mode: gunicorn, and it refuses the development secrets."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bemanna.cli import _production_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BEMANNA_", "DATABASE"))}
    return {**env, "BEMANNA_DATA_DIR": str(tmp_path), "BEMANNA_SSL_REDIRECT": "0", **extra}


def test_serve_means_gunicorn_unless_debugging(monkeypatch):
    monkeypatch.setenv("BEMANNA_DEBUG", "0")
    command = _production_server(["serve", "127.0.0.1:9999"])
    assert command[1:4] == ["-m", "gunicorn", "bemanna.wsgi"]
    assert "127.0.0.1:9999" in command
    monkeypatch.setenv("BEMANNA_DEBUG", "1")
    assert _production_server(["serve"]) is None


def test_production_refuses_to_start_with_the_development_secret(tmp_path):
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "serve", f"127.0.0.1:{port}"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "BEMANNA_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_own_pseudonym_key(tmp_path):
    """The review's L3: BEMANNA_PSEUDONYM_KEY fell back to SECRET_KEY in production too."""

    def check(**extra):
        return subprocess.run(
            [sys.executable, "-m", "bemanna.cli", "check"],
            env=production_env(tmp_path, BEMANNA_SECRET_KEY="x" * 50, **extra),
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = check()
    assert refused.returncode != 0
    assert "bemanna.E003" in refused.stderr and "BEMANNA_PSEUDONYM_KEY" in refused.stderr
    assert check(BEMANNA_PSEUDONYM_KEY="y" * 40).returncode == 0
    assert check(BEMANNA_DEBUG="1").returncode == 0  # development falls back to SECRET_KEY
    # The server itself refuses too (gunicorn runs no system checks).
    port = free_port()
    served = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "serve", f"127.0.0.1:{port}"],
        env=production_env(tmp_path, BEMANNA_SECRET_KEY="x" * 50),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert served.returncode != 0 and "BEMANNA_PSEUDONYM_KEY" in served.stderr


def test_production_serves_pages_with_gunicorn(tmp_path):
    env = production_env(tmp_path, BEMANNA_SECRET_KEY="x" * 50, BEMANNA_PSEUDONYM_KEY="y" * 40)
    subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "migrate", "-v", "0"],
        env=env,
        check=True,
        timeout=120,
    )
    # With no user at all the login page says how to make the first one; make one.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bemanna.cli",
            "create_admin",
            "--username",
            "hr",
            "--name",
            "Anna HR",
            "--email",
            "hr@example.invalid",
            "--password-stdin",
        ],
        env=env,
        input="a-long-test-password-4711\n",
        text=True,
        check=True,
        timeout=120,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bemanna.cli", "serve", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # wait until gunicorn listens, for at most a minute
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/konto/login/") as page:
                    body = page.read().decode()
                    headers = page.headers
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {server.stderr.read()}")
                time.sleep(0.2)
        assert "Logga in" in body
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "csrftoken=" in headers["Set-Cookie"] and "Secure" in headers["Set-Cookie"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    # One line in the user's language says where; gunicorn's English INFO lines ("Starting
    # gunicorn", "Booting worker") are below its log level; the access log stays.
    said = server.stdout.read().splitlines()
    logged = server.stderr.read()
    server.stdout.close()
    server.stderr.close()
    assert said[0] == f"Bemanna svarar på http://127.0.0.1:{port}/ (Ctrl+C stoppar)."
    assert any('"GET /konto/login/ HTTP/1.1" 200' in line for line in said[1:])
    assert "[INFO]" not in logged and "Booting worker" not in logged, logged
