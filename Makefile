# The Liangshan compendium. Two commands do everything on a fresh machine:
#   make book   - set up .venv from the lock, validate the data, build the HTML book (and the
#                 PDF when TeX is installed)
#   make test   - the same set-up, then the whole test suite (which builds the book first)
# Run `make help` for the other targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON_SYS ?= python3
VENV       := .venv
PY         := $(VENV)/bin/python
UV_VERSION := 0.13.8
STAMP      := $(VENV)/.installed
BUILD      := _build
HTML       := $(BUILD)/html/index.html
PDF        := $(BUILD)/latex/liangshan-compendium.pdf
JB         := $(VENV)/bin/jupyter-book

# Debian/Ubuntu packages the PDF and the browser tests need (see README).
SYSTEM_PACKAGES := latexmk texlive-latex-recommended texlive-latex-extra \
  texlive-fonts-recommended texlive-xetex texlive-lang-chinese fonts-freefont-otf \
  fonts-noto-cjk xindy chromium poppler-utils

.PHONY: help setup validate book html pdf test check lint lab chapter notebooks clean system-deps lock dist bench bench-a11y check-text

# the tests that need no built book and start no build: the edit-test loop (`make check`)
FAST_TESTS := not (book or pdf or browser or build)

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

# --- environment -------------------------------------------------------------------------
# One line per step, as the build prints (uv and pip speak only of errors).
# --compile-bytecode: write the .pyc files now, once, so that no notebook kernel compiles the
# libraries again (it matters where PYTHONDONTWRITEBYTECODE is set: ~4 s per kernel)
$(PY):
	@echo "setup      creating .venv with $(PYTHON_SYS)"
	@$(PYTHON_SYS) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(PY)
	@echo "setup      installing the locked packages into .venv (first time: about a minute)"
	@start=$$(date +%s); \
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; \
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock; \
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .; \
	touch $(STAMP); \
	printf "%-10s %-44s %6d s\n" setup "packages installed" $$(( $$(date +%s) - start ))

setup: $(STAMP)  ## create .venv and install the locked dependencies and the package

lock:  ## regenerate requirements.lock from pyproject.toml (needs the registry)
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --python-version 3.11 \
	  --quiet -o requirements.lock

validate: $(STAMP)  ## check the data package (schema, units, hashes, register vs article)
	$(PY) -m analysis validate

# --- the book ------------------------------------------------------------------------------
# Each build prints one line per stage and per chapter executed; the whole output of each stage
# is in _build/logs/ (validate.log, execute.log, pdf.log, html.log).
book: $(STAMP)  ## set up, validate, build the PDF when TeX is installed, then the HTML book
	@$(PY) -m liangshan_book.build book

html: $(STAMP)  ## validate and build the HTML book only: the edit loop (runs only what changed)
	@$(PY) -m liangshan_book.build html

pdf: $(STAMP)  ## validate and build the PDF book with xelatex into _build/latex
	@$(PY) -m liangshan_book.build pdf

chapter: $(STAMP)  ## run one chapter in a fresh kernel: make chapter CH=ch2 (into _build/executed)
	@$(PY) -m liangshan_book.run_chapter $(CH)

test: lint  ## set up, lint, validate and build the book (make book), then run the whole test suite
	@# `make book` validates first (once: its note on the article's text is not printed twice)
	@$(MAKE) --no-print-directory book
	$(PY) -m pytest -n 2

check: validate lint  ## the fast loop: lint, layer contract and the tests that need no build (~30 s)
	$(PY) -m pytest -n 2 -q -m "$(FAST_TESTS)"

lint: $(STAMP)  ## ruff over the whole tree, and the import-linter contract of the layers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

notebooks: $(STAMP)  ## export the chapters as .ipynb copies into _build/notebooks
	$(PY) -m liangshan_book.build notebooks

# JupyterLab refuses to start as root (containers, CI) unless told that it is on purpose
LAB_ROOT   := $(if $(filter 0,$(shell id -u)),--allow-root,)
# extra options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port=8890"
LAB_ARGS   ?=

# the lab's kernels talk over local sockets (IPC), as the build's do (liangshan_book.kernels)
lab: $(STAMP)  ## JupyterLab at the repository root, chapters and code; options: LAB_ARGS="..."
	JUPYTER_DEFAULT_PROVISIONER_NAME=liangshan-ipc-provisioner \
	  $(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(LAB_ROOT) $(LAB_ARGS)

dist: book  ## zip the offline HTML book, the PDF and the data package into _build/dist
	$(PY) -m liangshan_book.build dist

bench: $(STAMP)  ## measure build and test times; write benchmarks/results.md
	$(PY) benchmarks/run.py

bench-a11y: $(STAMP)  ## count axe-core findings before/after the book's fixes (needs a built book)
	$(PY) benchmarks/run.py --accessibility-only

# ../shared/ (or $LIANGSHAN_SHARED; the article's text may also be at $LIANGSHAN_SOURCE_TEXT)
# sits beside the authors' working copy; a clone on its own does not have it
SHARED  := $(or $(LIANGSHAN_SHARED),../shared)
ARTICLE := $(or $(LIANGSHAN_SOURCE_TEXT),$(SHARED)/sources/qiushi-2019-peng-liangshan.txt)

check-text:  ## (needs ../shared/) list copied text and hand-typed numbers in prose
	@if [ ! -d "$(SHARED)/tools" ] || [ ! -f "$(ARTICLE)" ]; then \
	  echo "make check-text needs ../shared/ (its tools/ and the article's text), which this clone does not have"; \
	  exit 1; fi
	@$(MAKE) --no-print-directory setup
	$(PY) $(SHARED)/tools/check_no_copied_text.py $(ARTICLE) .
	$(PY) $(SHARED)/tools/check_prose_numbers.py

system-deps:  ## (root, Debian/Ubuntu) apt-get the TeX, font and browser packages
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES)

clean:  ## remove the build and the execution cache (keeps .venv)
	rm -rf $(BUILD) .pytest_cache
