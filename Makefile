# Two commands: `make run` (set up everything and serve the demo) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
export BEMANNA_DATA_DIR ?= $(CURDIR)/var
# The address `make run` serves on: `make run PORT=8117 BEMANNA_DATA_DIR=/tmp/bemanna`.
PORT ?= 8000

.PHONY: run serve setup test lint test-sqlite test-postgres bench messages clean oidc-demo run-sso

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	@echo "==> 1/3 Debian packages (python3-venv, gettext; chromium, postgresql for tests)"
	PYTHON=$(PYTHON) scripts/system-packages run
	@echo "==> 2/3 Virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --progress-bar on --upgrade pip
	@echo "==> 3/3 Bemanna and its Python packages (a few minutes the first time)"
	$(BIN)/pip install --progress-bar on -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@
	@echo "==> Installed."

setup: $(STAMP)
	mkdir -p $(BEMANNA_DATA_DIR)

# Development server with the demo region; the database is var/bemanna.sqlite3.
# The demo's answer links and invitations point at the port it serves on.
run: export BEMANNA_BASE_URL ?= http://127.0.0.1:$(PORT)
run: setup
	@echo "==> Database: $(BEMANNA_DATA_DIR)/bemanna.sqlite3"
	BEMANNA_DEBUG=1 $(BIN)/bemanna migrate --no-input
	@echo "==> Region Demo (built once; a minute or two the first time)"
	BEMANNA_DEBUG=1 $(BIN)/bemanna demo
	@echo ""
	@echo "  Bemanna: http://127.0.0.1:$(PORT)/  (logga in som hr, analytiker, chef, rad, fhv eller behorighet; lösenord: demo)"
	@echo "  hr, fhv och behorighet anger också en kod: BEMANNA_DATA_DIR=$(BEMANNA_DATA_DIR) $(BIN)/bemanna demo_code skriver den."
	@echo ""
	BEMANNA_DEBUG=1 $(BIN)/bemanna serve 127.0.0.1:$(PORT)

# A real OpenID Connect provider on loopback (django-oauth-toolkit) with the demo's users
# anna (HR admin), alva (analyst), bo (manager of HS201), rut (council), password demo.
# It accepts Bemanna's callback on the PORT `make run-sso` serves on (give both the same).
OIDC_PORT ?= 8001
oidc-demo: setup
	$(BIN)/python scripts/oidc_provider.py --port $(OIDC_PORT) \
		--client-url http://127.0.0.1:$(PORT) --client-url http://localhost:$(PORT)

# `make run` with single sign-on through `make oidc-demo` (start that first, in another shell).
OIDC_ISSUER := http://127.0.0.1:$(OIDC_PORT)/o
run-sso: export BEMANNA_OIDC_CLIENT_ID = bemanna
run-sso: export BEMANNA_OIDC_CLIENT_SECRET = bemanna-demo-secret
# The endpoints come from the issuer's discovery document.
run-sso: export BEMANNA_OIDC_ISSUER = $(OIDC_ISSUER)
run-sso: run

TEST_ENV := BEMANNA_SECRET_KEY=test-secret-key-not-for-production-0123456789abcdef \
	BEMANNA_PSEUDONYM_KEY=test-pseudonym-key BEMANNA_ALLOWED_HOSTS=testserver,127.0.0.1,localhost

test: setup
	PYTHON=$(PYTHON) scripts/system-packages test
	$(MAKE) lint
	scripts/side-by-side sqlite="$(MAKE) -s test-sqlite" postgres="$(MAKE) -s test-postgres"

lint:
	$(BIN)/ruff check bemanna scripts
	$(BIN)/ruff format --check bemanna scripts
	$(BIN)/mypy
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run -v 0
	$(TEST_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite:
	$(TEST_ENV) $(BIN)/pytest -q -p no:cacheprovider --durations=15 -m "not browser or one_database"

# The engine (bemanna/analysis) never touches a database and the accessibility walk checks
# templates: both run once, in the SQLite suite. The browser tests run once too, on
# PostgreSQL (the production database), so the two suites take about as long. Everything
# else runs on both databases.
test-postgres:
	mkdir -p $(BEMANNA_DATA_DIR)/postgres
	$(TEST_ENV) BEMANNA_DATA_DIR=$(BEMANNA_DATA_DIR)/postgres scripts/with-postgres \
		$(BIN)/pytest -q -p no:cacheprovider --durations=15 -m "not one_database" --ignore=bemanna/analysis

# The pulse part also runs on PostgreSQL: TEST_DATABASE_URL's server, or a throwaway cluster.
bench: setup
	BEMANNA_DEBUG=1 scripts/with-postgres sh -c \
		'env -u DATABASE_URL BENCH_POSTGRES_URL="$$DATABASE_URL" $(BIN)/python -m bemanna.bench $(BENCH_ARGS)'

messages: setup
	BEMANNA_DEBUG=1 $(BIN)/python manage.py makemessages -l sv -l en --ignore=.venv \
		--no-obsolete --no-location --ignore=var -v 0
	$(BIN)/python scripts/translations_sv.py
	cd bemanna && BEMANNA_DEBUG=1 $(abspath $(BIN))/python ../manage.py compilemessages -v 0

clean:
	rm -rf $(VENV) var/static
