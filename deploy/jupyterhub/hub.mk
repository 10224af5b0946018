# The course on JupyterHub, for workshops with many participants: see deploy/jupyterhub/README.md.
# Included by the main Makefile (VENV, BIN, PYTHON and STAMP come from it).
#   make hub-setup  - install JupyterHub (pinned) into the course's environment, and
#                     configurable-http-proxy (npm) into deploy/jupyterhub/node_modules
#   make hub        - start a JupyterHub on this computer (127.0.0.1) with a demo trainer and
#                     two demo participants; the password is printed on start. Ctrl-C stops it.
#   make hub-test   - the hub test: a whole workshop through JupyterHub and nbgrader's exchange

HUB_DIR := deploy/jupyterhub
HUB_STAMP := $(VENV)/.hub-setup-stamp
HUB_PROXY := $(HUB_DIR)/node_modules/.bin/configurable-http-proxy
HUB_PORT ?= 8000
HUB_STATE ?= $(HUB_DIR)/demo

.PHONY: hub-setup hub hub-test hub-clean

$(HUB_STAMP): $(STAMP) $(HUB_DIR)/requirements-hub.txt requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock -r $(HUB_DIR)/requirements-hub.txt
	@touch $(HUB_STAMP)

$(HUB_PROXY): $(HUB_DIR)/package.json $(HUB_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make hub-setup needs Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)"; exit 1; }
	cd $(HUB_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $(HUB_PROXY)

hub-setup: $(HUB_STAMP) $(HUB_PROXY)
	@echo "JupyterHub set-up complete: make hub starts it, make hub-test tests it."

hub: hub-setup
	@mkdir -p $(HUB_STATE)
	cd $(HUB_STATE) && UPR_HUB_STATE="$(abspath $(HUB_STATE))" UPR_HUB_PORT=$(HUB_PORT) UPR_HUB_ANNOUNCE=1 \
		PATH="$(abspath $(BIN)):$$PATH" "$(abspath $(BIN))/jupyterhub" -f "$(abspath $(HUB_DIR))/demo_config.py"

hub-test: hub-setup
	$(BIN)/python -m pytest tests/hub $(PYTEST_ARGS)

# Deletes the demo hub's homes, exchange, grading folder and database (not the installation).
hub-clean:
	rm -rf $(HUB_STATE)
