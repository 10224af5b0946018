# The course's two commands: `make lab` and `make test`. Everything else is for trainers
# and developers. Needs only Python 3.11+ (python.org, Debian, Homebrew or conda).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
LAB_HOST ?= 127.0.0.1
LAB_PORT ?= 8888
# make lab HEADLESS=1 : for a server; prints the address instead of opening a browser
HEADLESS ?=
PYTEST_ARGS ?=
# make test TEST_WORKERS=1 : the suite in one process (pytest-xdist; each test file stays in one process)
TEST_WORKERS ?= 2
# make setup OFFLINE=1 : install from wheelhouse/ only, with no network (see "Offline workshop kit" in README.md)
OFFLINE ?=
WHEELHOUSE ?= wheelhouse
PIP_FROM = $(if $(OFFLINE),--no-index --find-links $(WHEELHOUSE),)
# make wheelhouse PLATFORM=win_amd64 PY_VERSION=3.12 : wheels for another computer (see README.md)
PLATFORM ?=
PY_VERSION ?=
# What only Windows or macOS needs: pip decides by looking at this computer, not at PLATFORM.
WIN_EXTRAS := pywinpty==3.1.2 colorama==0.4.6
MAC_EXTRAS := appnope==1.0.0
# make lab LAB_ARGS=... : more options for JupyterLab (for example --ServerApp.allow_root=True in a container)
LAB_ARGS ?=
# make lab TRAINER=1 : the trainer's JupyterLab, with nbgrader's formgrader and menus. Without it,
# participants get a JupyterLab without the trainer's tools (jupyter/participant/).
TRAINER ?=
# make lab LANG=es : the course in Spanish (LANG=fr: French): the translated lessons (course/es/),
# the package's messages (UPR_COURSE_LANG) and JupyterLab's menus. A computer already set up in
# Spanish or French (LANG=es_MX.UTF-8, fr_FR.UTF-8...) gets its language without asking;
# UPR_COURSE_LANG=en (or es, fr) chooses whatever the computer's language.
COURSE_LANG := $(or $(filter en es fr,$(UPR_COURSE_LANG)),$(firstword $(foreach code,es fr,$(if $(filter $(code) $(code)_% $(code).% $(code)-%,$(LANG)),$(code)))),en)
LESSONS_DIR = course$(if $(filter en,$(COURSE_LANG)),,/$(COURSE_LANG))
# (LANG=es names no locale the computer has: JupyterLab itself runs with C.UTF-8 then.)
LAB_LANG_ARGS = $(if $(filter en,$(COURSE_LANG)),,--LabApp.app_settings_dir=$(abspath $(VENV)/share/jupyter/lab/settings-$(COURSE_LANG)))
LAB_CONFIG_PATH = $(if $(TRAINER),,$(abspath jupyter/participant):)$(abspath jupyter/common)

.PHONY: setup lab lint test test-fast e2e translations wheelhouse bench lock data handouts workshop-kit participant-kit clean help

help:
	@echo "make lab    - set up (first time) and open the course in JupyterLab (TRAINER=1: with nbgrader's trainer tools; LANG=es or LANG=fr: in Spanish or French)"
	@echo "make test   - set up (first time) and run the whole test suite"
	@echo "make lint   - the linter (ruff; make test runs it first)"
	@echo "make setup  - install only (quick when up to date); OFFLINE=1 installs from wheelhouse/"
	@echo "make e2e    - the browser tests (JupyterLab in Chromium)"
	@echo "make wheelhouse - download every pinned package into wheelhouse/ (offline workshop kit)"
	@echo "make bench  - measure load and grading speed"
	@echo "make data   - rebuild datasets/ from ../shared/data-sources (developers)"
	@echo "make translations - after changing English text: update the Spanish and French catalogues, rebuild the translated lessons"
	@echo "make handouts - every lesson as a printable HTML page in handouts/ (works offline)"
	@echo "make workshop-kit - slides, handouts and notes for a two-day workshop in workshop-kit/ (works offline)"
	@echo "make participant-kit - the folder participants get (no solutions, hidden tests or mark schemes)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Install a newer Python from python.org and run make again, or run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

# Re-installs only when the pins or the package's metadata change: a second run is quick.
$(STAMP): requirements.lock pyproject.toml jupyter/overrides.json | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q $(PIP_FROM) -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check -q $(PIP_FROM) --no-deps --no-build-isolation -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings && cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(BIN)/python -m upr_course.i18n.lab jupyter/overrides.json $(VENV)/share/jupyter/lab
	@touch $(STAMP)
	@echo "Set-up complete: $(VENV) is ready."

setup: $(STAMP)

lab: setup
	$(if $(and $(TRAINER),$(filter es fr,$(COURSE_LANG))),$(BIN)/python scripts/translations.py sources,)
	PATH="$(abspath $(BIN)):$$PATH" UPR_COURSE_LANG=$(COURSE_LANG) $(if $(filter en es fr,$(LANG)),LANG=C.UTF-8,) JUPYTER_CONFIG_PATH="$(LAB_CONFIG_PATH)$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" $(BIN)/jupyter lab --ServerApp.ip=$(LAB_HOST) --ServerApp.port=$(LAB_PORT) $(if $(HEADLESS),--no-browser,) $(LAB_LANG_ARGS) $(LAB_ARGS) $(LESSONS_DIR)/00-start-here.ipynb

# The linter (pinned in requirements.lock; rules in pyproject.toml): a second or so, before the tests.
lint: setup
	$(BIN)/ruff check src tests scripts course solutions

test: setup lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

# Browser tests: JupyterLab driven in Debian's Chromium (apt-get install chromium); tests/e2e/.
e2e: setup
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

# Every pinned package (and setuptools, for the editable install) as wheels in wheelhouse/, for
# `make setup OFFLINE=1`. Files already there are not downloaded again.
wheelhouse:
	$(PYTHON) -m pip download --disable-pip-version-check -q --only-binary=:all: -d $(WHEELHOUSE) \
	  $(if $(PLATFORM),$(foreach p,$(PLATFORM),--platform $(p)) --implementation cp,) $(if $(PY_VERSION),--python-version $(PY_VERSION),) \
	  -r requirements.lock $(if $(findstring win,$(PLATFORM)),$(WIN_EXTRAS),) $(if $(findstring macosx,$(PLATFORM)),$(MAC_EXTRAS),)
	@echo "The wheelhouse is ready: $(WHEELHOUSE)/ ($$(ls $(WHEELHOUSE)/*.whl | wc -l) wheels). Install with: make setup OFFLINE=1"

bench: setup
	$(BIN)/python -m upr_course.bench

data: setup
	$(BIN)/upr-course data build

# Every lesson run and written as an HTML page, to print or save as PDF (see docs/trainer-guide.md).
LESSONS ?= $(wildcard $(LESSONS_DIR)/*.ipynb)
HANDOUTS_DIR ?= handouts$(if $(filter en,$(COURSE_LANG)),,-$(COURSE_LANG))
# After changing English text (a lesson, the glossary, an exercise, a message in the package):
# brings every translation catalogue up to date (new text empty, changed text marked fuzzy) and
# rebuilds the translated lessons. scripts/translations.py check lists what is left to translate.
translations: setup
	$(BIN)/python scripts/translations.py

# Self-contained pages: widgets as static pictures and tables, quizzes without answers, no code,
# nothing loaded from the internet (src/upr_course/handouts.py). The workshop kit's slides too.
handouts: setup
	$(BIN)/python -m upr_course.handouts $(HANDOUTS_DIR) $(LESSONS)

# The workshop kit (workshop/README.md): every lesson's slides and handout, and the notes to print.
WORKSHOP_KIT_DIR ?= workshop-kit
workshop-kit: setup
	$(BIN)/python -m upr_course.workshop_kit $(WORKSHOP_KIT_DIR) $(LESSONS)

# What participants get (no server, the offline kit): no solutions/, tests or mark schemes (docs/trainer-guide.md).
KIT ?= participant-kit
participant-kit: setup
	rm -rf $(KIT) && $(BIN)/python -m upr_course.participant_kit $(KIT)

# Re-resolve requirements.lock from requirements.in (needs the network).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install -q -r requirements.in
	(echo "# Full resolved set for Python 3.11+, generated by 'make lock' from requirements.in. Do not edit by hand."; \
	 .lock-venv/bin/python -m pip freeze --all | grep -viE '^(pip)==') > requirements.lock
	# A pin that requirements.in limits to some computers (";" and a marker) keeps its marker.
	grep ';' requirements.in | while IFS= read -r pin; do \
	  name=$${pin%%==*}; sed -i "s|^$$name==.*|$$pin|" requirements.lock; done
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache

# The JupyterHub set-up for workshops with many participants (make hub): see deploy/jupyterhub/.
-include deploy/jupyterhub/hub.mk
