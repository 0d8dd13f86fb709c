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

.PHONY: help setup validate book html pdf test check lint lab notebooks clean system-deps lock dist bench bench-a11y check-text

# the tests that need no built book and start no build: the edit-test loop (`make check`)
FAST_TESTS := not (book or pdf or browser or build)

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

# --- environment -------------------------------------------------------------------------
$(PY):
	$(PYTHON_SYS) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	# --compile-bytecode: write the .pyc files now, once, so that no notebook kernel compiles
	# the libraries again (it matters where PYTHONDONTWRITEBYTECODE is set: ~4 s per kernel)
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the locked dependencies and the package

lock:  ## regenerate requirements.lock from pyproject.toml (needs the registry)
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --python-version 3.11 \
	  --quiet -o requirements.lock

validate: $(STAMP)  ## check the data package (schema, units, hashes, register vs article)
	$(PY) -m analysis validate

# --- the book ------------------------------------------------------------------------------
html: validate  ## build the HTML book into _build/html (re-executes only what changed)
	$(PY) -m liangshan_book.build html

pdf: validate  ## build the PDF book with xelatex into _build/latex
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null \
	    && command -v xindy >/dev/null; then \
	  $(PY) -m liangshan_book.build pdf; \
	else \
	  echo "PDF not built: TeX (xelatex, latexmk, xindy) is not installed. 'make system-deps' (as root) would add:"; \
	  echo "  $(SYSTEM_PACKAGES)"; exit 1; fi

book: validate  ## set up, validate, build the PDF when TeX is installed, then the HTML book
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null \
	    && command -v xindy >/dev/null; then \
	  $(PY) -m liangshan_book.build pdf; \
	else \
	  echo "PDF not built: TeX (xelatex, latexmk, xindy) is not installed. 'make system-deps' (as root) would add:"; \
	  echo "  $(SYSTEM_PACKAGES)"; fi
	$(PY) -m liangshan_book.build html
	@echo "HTML book: $(BUILD)/html/index.html"

test: validate lint  ## set up, validate, lint, build the book, then run the whole test suite
	$(MAKE) --no-print-directory book
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

lab: $(STAMP)  ## open the chapters in JupyterLab (MyST Markdown opens as notebooks)
	$(VENV)/bin/jupyter lab chapters/ $(LAB_ROOT)

dist: book  ## zip the offline HTML book, the PDF and the data package into _build/dist
	$(PY) -m liangshan_book.build dist

bench: $(STAMP)  ## measure build and test times; write benchmarks/results.md
	$(PY) benchmarks/run.py

bench-a11y: $(STAMP)  ## count axe-core findings before/after the book's fixes (needs a built book)
	$(PY) benchmarks/run.py --accessibility-only

check-text:  ## the compendium's own checks: copied text and hand-typed numbers in prose
	$(PY) ../shared/tools/check_no_copied_text.py ../shared/sources/qiushi-2019-peng-liangshan.txt .
	$(PY) ../shared/tools/check_prose_numbers.py

system-deps:  ## (root, Debian/Ubuntu) apt-get the TeX, font and browser packages
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES)

clean:  ## remove the build and the execution cache (keeps .venv)
	rm -rf $(BUILD) .pytest_cache
