# The two commands a newcomer needs: `make run` and `make test`. Both set everything up.
VENV ?= .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test setup bench screenshots lint clean dist translations

setup:
	./packaging/bootstrap.sh dev

run: setup
	$(VENV)/bin/packdesk db upgrade
	$(VENV)/bin/packdesk demo --if-empty
	$(VENV)/bin/packdesk run --demo

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks $(BENCH_ARGS)

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs/screenshots

# The one-folder bundle and the Debian package (packaging/build-dist.sh, docs/install.md).
dist: setup
	PY=$(PY) ./packaging/build-dist.sh

# Collect the tr() strings of ui/ into the .ts sources (translations kept); `make setup` compiles them.
translations: setup
	$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations none $$(find ui -name '*.py' | sort) \
	  -ts resources/translations/packdesk_de.ts resources/translations/packdesk_en.ts
	$(PY) -c "from ui.translations import compile_translations; compile_translations()"
	$(VENV)/bin/pybabel -q extract --no-location --omit-header -k _ -k ngettext:1,2 -k phrase -k plural_phrase:1,2 -k noun:1,2 \
	  -o resources/locale/packdesk.pot app ui printing devices
	$(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i resources/locale/packdesk.pot -d resources/locale -D packdesk
	$(PY) -c "from app.messages import compile_catalogues; compile_catalogues()"

lint: setup
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
