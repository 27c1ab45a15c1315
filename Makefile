# Rapport: the two commands of the README.
#   make run    installs what the build needs (Debian 12), builds, starts Rapport
#   make check  the same set-up, then every test suite (also the sanitizer build)
# Other targets: build, bench, clean.

BUILDDIR      ?= _build
ASAN_BUILDDIR ?= _build-asan
MESON         ?= meson
NINJA         ?= ninja
SUDO          := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# pkg-config modules and tools the build needs, with the Debian 12 packages
# that bring them
PKG_MODULES := gtk4 libadwaita-1 sqlite3 glib-2.0 gmime-3.0
DEB_BUILD   := meson ninja-build pkg-config gcc libgtk-4-dev libadwaita-1-dev \
               libsqlite3-dev libglib2.0-dev libglib2.0-dev-bin libgmime-3.0-dev gettext \
               desktop-file-utils appstream-util
DEB_TEST    := xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi python3-dogtail \
               gir1.2-atspi-2.0 sqlite3 fonts-dejavu-core poppler-utils
TOOLS       := meson ninja pkg-config msgfmt desktop-file-validate appstream-util

.PHONY: all deps test-deps build run check check-asan bench clean

all: build

deps:
	@missing=""; \
	for m in $(PKG_MODULES); do pkg-config --exists $$m 2>/dev/null || missing=1; done; \
	for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing build dependencies: $(DEB_BUILD)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_BUILD); \
	fi

test-deps: deps
	@missing=""; \
	for t in xvfb-run dbus-run-session sqlite3 pdftotext; do command -v $$t >/dev/null 2>&1 || missing=1; done; \
	/usr/bin/python3 -c 'import pyatspi, dogtail' >/dev/null 2>&1 || missing=1; \
	[ -x /usr/libexec/at-spi-bus-launcher ] || missing=1; \
	if [ -n "$$missing" ]; then \
	  echo "Installing test dependencies: $(DEB_TEST)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_TEST); \
	fi

$(BUILDDIR)/build.ninja:
	$(MESON) setup $(BUILDDIR) --buildtype=debugoptimized

build: deps $(BUILDDIR)/build.ninja
	$(NINJA) -C $(BUILDDIR)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/gui/rapport $(ARGS)

# The display-free suites run directly; the widget and accessibility suites
# under a virtual X server with their own D-Bus session.
check: test-deps build
	$(MESON) test -C $(BUILDDIR) --print-errorlogs --logbase check-core --suite unit --suite cli --suite data
	xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- \
	  $(MESON) test -C $(BUILDDIR) --print-errorlogs --logbase check-display --suite ui --suite e2e
	$(MAKE) check-asan

$(ASAN_BUILDDIR)/build.ninja:
	$(MESON) setup $(ASAN_BUILDDIR) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

# The core under AddressSanitizer and UndefinedBehaviorSanitizer
check-asan: deps $(ASAN_BUILDDIR)/build.ninja
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MESON) test -C $(ASAN_BUILDDIR) --print-errorlogs --logbase check-asan --suite unit

bench: build
	$(BUILDDIR)/bench/rapport-bench $(ARGS)

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)
