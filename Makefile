# vitrine — GUI isolation compositor. See README.md.
#   make            build everything into build/
#   make check      install missing packages, build, run every test
#   make demo       install missing packages, run the two-domain demo
#   make bench      install missing packages (Xpra too), run the benchmarks
#                   -> bench/results/latest.csv and latest.md (not part of check)
#   make asan       the same programs with ASan + UBSan into build-asan/
#   make install    PREFIX=/usr/local DESTDIR= (programs, man pages, systemd user unit,
#                   bash completion, example vitrine.conf)
#   make deb        the Debian package: build/vitrine_VERSION_ARCH.deb (lintian-checked)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
BUILD ?= build
CC ?= cc
SANITIZE ?=

PKGS_AGENT = xcb xcb-shm xcb-composite xcb-damage xcb-xfixes xcb-icccm xcb-xtest xcb-randr xcb-render x11 \
	xcb-xkb xkbcommon xkbcommon-x11 xcb-sync libsystemd
PKGS_DAEMON = pixman-1 cairo libpng libconfig xcb xcb-shm xcb-icccm xkbcommon libseccomp xcb-screensaver \
	xcb-xinput xcb-xkb xkbcommon-x11 egl glesv2 libdrm libinput libudev libseat xcb-xfixes gbm \
	xcb-randr libsystemd
PKGS_CORE = pixman-1 cairo libconfig xkbcommon egl glesv2
PKGS_CLIENT = xcb xcb-icccm xcb-xinput libpng xcb-xfixes
PKGS_TEST = cmocka libpng pixman-1 cairo libconfig egl glesv2

pc = $(shell pkg-config --$(1) $(2) 2>/dev/null)
# Unicode properties for titles (protocol/sanitize.c); it has no .pc file.
LIBS_COMMON = -lunistring

# Warnings are errors, WARN_STRICT too, for every C file (make lint builds
# everything afresh with them).
WARN = -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers $(WARN_STRICT)
WARN_STRICT = -Wconversion -Wmissing-prototypes -Wstrict-prototypes -Wformat=2
CFLAGS ?= -O2 -g
ifneq ($(FUZZ),)
CC = clang
CFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=fuzzer,address,undefined
endif
ifneq ($(SANITIZE),)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
# the version every program prints for --version: debian/changelog's first entry
VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DVITRINE_VERSION='"$(VERSION)"' $(WARN) $(CFLAGS) -I. -MMD -MP \
	$(call pc,cflags,$(PKGS_AGENT) $(PKGS_DAEMON) $(PKGS_CLIENT) $(PKGS_TEST))

COMMON_SRC = $(wildcard protocol/*.c shm/*.c)
# Xen (grant buffers, the vchan transports) only where libxen-dev is. The
# code outside these files finds their tables at run time (weak symbols,
# NULL when absent): no #ifdef, no VITRINE_XEN define.
XEN_PKGS = xenvchan xengnttab xenstore
XEN_ONLY_SRC = shm/shm-xen.c gui-daemon/vchan.c gui-agent/vchan.c gui-agent/buffer-xen.c \
	gui-daemon/dchild-xen.c
# XEN=no leaves it out where it is installed too (make deb: the package
# depends on no Xen library).
ifeq ($(if $(filter no,$(XEN)),,$(shell pkg-config --exists $(XEN_PKGS) && echo y)),y)
HAVE_XEN = yes
PKGS_DAEMON += $(XEN_PKGS)
PKGS_CORE += $(XEN_PKGS)
PKGS_AGENT += $(XEN_PKGS)
else
HAVE_XEN = no
COMMON_SRC := $(filter-out $(XEN_ONLY_SRC),$(COMMON_SRC))
endif
# The core (build/libvitrine-core.a): protocol, shm, the domain model, scene,
# input router, decorations, headless backend and pixman renderer, linked
# by the unit tests and the fuzzer without xcb or seccomp. The daemon adds
# the desktop backend, the control socket, the sandbox and main.
DAEMON_ONLY_SRC = gui-daemon/main.c gui-daemon/control.c gui-daemon/control-wait.c \
	gui-daemon/control-input.c \
	gui-daemon/control-domain.c gui-daemon/control-monitors.c \
	gui-daemon/control-shot.c gui-daemon/png.c gui-daemon/sandbox.c gui-daemon/spawner.c \
	$(wildcard gui-daemon/backend/x11/*.c) $(wildcard gui-daemon/backend/drm/*.c)
CORE_SRC = $(filter-out $(DAEMON_ONLY_SRC),$(wildcard gui-daemon/*.c gui-daemon/backend/*/*.c \
	gui-daemon/render/*/*.c decorations/*.c input/*.c))
DAEMON_SRC = $(filter-out gui-daemon/main.c,$(DAEMON_ONLY_SRC))
AGENT_SRC = $(filter-out gui-agent/main.c,$(wildcard gui-agent/*.c))
ifeq ($(HAVE_XEN),no)
CORE_SRC := $(filter-out $(XEN_ONLY_SRC),$(CORE_SRC))
AGENT_SRC := $(filter-out $(XEN_ONLY_SRC),$(AGENT_SRC))
endif
UNIT_SRC = $(wildcard tests/unit/*.c)
CLIENT_SRC = $(wildcard tests/clients/*.c)
TOOL_SRC = $(wildcard tests/tools/*.c)
BENCH_SRC = $(wildcard bench/*.c)
PKGS_BENCH = xcb xcb-shm xcb-damage xcb-xfixes xcb-xtest

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
COMMON_OBJ = $(call obj,$(COMMON_SRC))
CORE_OBJ = $(call obj,$(CORE_SRC))
CORE_LIB = $(BUILD)/libvitrine-core.a
# The core's Xen forms are linked as objects, not from the archive: only a
# weak reference names them, and a weak reference pulls no member out of an
# archive (they would silently be left out).
CORE_XEN_OBJ = $(call obj,$(filter $(XEN_ONLY_SRC),$(CORE_SRC) $(COMMON_SRC)))
DAEMON_OBJ = $(call obj,$(DAEMON_SRC))
AGENT_OBJ = $(call obj,$(AGENT_SRC))

PROGS = $(BUILD)/vitrine-daemon $(BUILD)/vitrine-agent $(BUILD)/vitrinectl $(BUILD)/vitrine
UNITS = $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRC))
CLIENTS = $(patsubst tests/clients/%.c,$(BUILD)/tests/%,$(CLIENT_SRC))
TOOLS = $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(TOOL_SRC))
BENCHES = $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

all: $(PROGS) $(UNITS) $(CLIENTS) $(TOOLS)

# (the Makefile too: the flags are in it, so a change of them rebuilds)
$(BUILD)/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(CORE_LIB): $(filter-out $(CORE_XEN_OBJ),$(CORE_OBJ) $(COMMON_OBJ))
	@rm -f $@
	@echo "  AR      $@"
	@$(AR) rcs $@ $^

$(BUILD)/vitrine-daemon: $(BUILD)/obj/gui-daemon/main.o $(DAEMON_OBJ) $(CORE_XEN_OBJ) $(CORE_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_DAEMON)) $(LIBS_COMMON) -lm

$(BUILD)/vitrine-agent: $(BUILD)/obj/gui-agent/main.o $(AGENT_OBJ) $(COMMON_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_AGENT)) $(LIBS_COMMON)

$(BUILD)/vitrinectl: $(BUILD)/obj/tools/vitrinectl.o $(BUILD)/obj/tools/assert-screen.o \
		$(BUILD)/obj/tools/image.o
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,libpng)

# vitrine run: an application in a bubblewrap sandbox of its own (docs/run.md)
$(BUILD)/vitrine: $(call obj,tools/vitrine.c tools/vitrine-sandbox.c tools/vitrine-init.c \
		tools/vitrine-init-start.c \
		tools/vitrine-config.c tools/vitrine-domain.c tools/vitrine-seccomp.c \
		tools/vitrine-launch.c tools/vitrine-pty.c tools/vitrine-ttyfilter.c tools/vitrine-net.c \
		tools/vitrine-net-fence.c tools/vitrine-manage.c tools/vitrine-display.c)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,libseccomp libconfig)

# (with the spawner of domain processes and their seccomp filter, which
# are not part of the core: a test that connects a domain starts one)
$(BUILD)/tests/unit/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/obj/gui-daemon/spawner.o \
		$(BUILD)/obj/gui-daemon/sandbox.o $(CORE_XEN_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_TEST) $(PKGS_CORE) libseccomp) \
		$(LIBS_COMMON) -lpthread -lm

# vitrine run's terminal filter alone
$(BUILD)/tests/unit/test-ttyfilter: $(BUILD)/obj/tests/unit/test-ttyfilter.o \
		$(BUILD)/obj/tools/vitrine-ttyfilter.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,cmocka)

# vitrine run's display names alone
$(BUILD)/tests/unit/test-display: $(BUILD)/obj/tests/unit/test-display.o \
		$(BUILD)/obj/tools/vitrine-display.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,cmocka)

# the renderers side by side, their pictures written as PNG
$(BUILD)/tests/unit/test-render: $(BUILD)/obj/tests/unit/test-render.o \
		$(BUILD)/obj/gui-daemon/png.o $(CORE_XEN_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_TEST) $(PKGS_CORE)) $(LIBS_COMMON) -lm

$(BUILD)/tests/%: $(BUILD)/obj/tests/clients/%.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_CLIENT))

$(BUILD)/tests/%: $(BUILD)/obj/tests/tools/%.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,libpng) -lm

$(BUILD)/fuzz-domain: $(BUILD)/obj/tests/fuzz/fuzz-domain.o $(CORE_XEN_OBJ) $(CORE_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_CORE)) $(LIBS_COMMON) -lm

# the control socket's parser (its objects are the daemon's, not the core's)
$(BUILD)/fuzz-control: $(BUILD)/obj/tests/fuzz/fuzz-control.o $(call obj,$(wildcard gui-daemon/control*.c) \
		gui-daemon/png.c) $(CORE_XEN_OBJ) $(CORE_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_CORE) libpng) $(LIBS_COMMON) -lm

# the agent's reading and handling of the daemon's messages, without an X
# server (its requests go to a connection that is not there)
$(BUILD)/fuzz-agent: $(BUILD)/obj/tests/fuzz/fuzz-agent.o $(AGENT_OBJ) $(COMMON_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(PKGS_AGENT)) $(LIBS_COMMON)

$(BUILD)/bench/%: bench/%.c bench/bench.h Makefile
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -I. $(call pc,cflags,$(PKGS_BENCH)) \
		-o $@ $< $(LDFLAGS) $(call pc,libs,$(PKGS_BENCH)) -pthread -lm

# vb-probe's parts besides bench/vb-probe.c (bench/probe/: not programs)
$(BUILD)/bench/vb-probe: bench/vb-probe.c $(wildcard bench/probe/*.c) bench/probe/probe.h \
		bench/bench.h Makefile
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -I. $(call pc,cflags,$(PKGS_BENCH)) \
		-o $@ $(filter %.c,$^) $(LDFLAGS) $(call pc,libs,$(PKGS_BENCH)) -pthread -lm

deps:
	@tools/install-deps

# libFuzzer over decoding + message handling (fuzz-domain), the control
# socket's parser (fuzz-control) and the agent's handling of the daemon's
# messages (fuzz-agent); FUZZ_SECONDS bounds each run. Inputs that once
# crashed are kept in tests/fuzz/regress*/ and replayed first.
FUZZ_SECONDS ?= 60
CHECK_FUZZ_SECONDS ?= 60
fuzz: export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
fuzz:
	$(MAKE) BUILD=build-fuzz FUZZ=1 build-fuzz/fuzz-domain
	build-fuzz/fuzz-domain -runs=0 tests/fuzz/regress tests/fuzz/seeds
	mkdir -p build-fuzz/corpus
	build-fuzz/fuzz-domain -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
		-artifact_prefix=build-fuzz/ \
		build-fuzz/corpus tests/fuzz/seeds
	$(MAKE) BUILD=build-fuzz FUZZ=1 build-fuzz/fuzz-control build-fuzz/fuzz-agent
	set -e; for h in control agent; do \
		build-fuzz/fuzz-$$h -runs=0 -close_fd_mask=2 tests/fuzz/regress-$$h tests/fuzz/seeds-$$h; \
		mkdir -p build-fuzz/corpus-$$h; \
		build-fuzz/fuzz-$$h -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
			-close_fd_mask=2 -artifact_prefix=build-fuzz/$$h- \
			build-fuzz/corpus-$$h tests/fuzz/seeds-$$h; \
	done

# Xen under QEMU: a test machine built from Debian packages (tools/xen/,
# cached in ~/.cache/vitrine-xen), booted with TCG; runs tools/xen/run's tests.
# Not part of check.
$(BUILD)/xen/xentest: $(call obj,tools/xen/xentest.c tools/xen/xentest-dom0.c tools/xen/xentest-guest.c) \
		$(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(XEN_PKGS) libseccomp) $(LIBS_COMMON)

$(BUILD)/xen/xenhostile: $(BUILD)/obj/tools/xen/xenhostile.o $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc,libs,$(XEN_PKGS)) $(LIBS_COMMON)

# Objects are rebuilt when Xen support comes or goes (libxen-dev installed
# after a first build, as make check then make check-xen do on a new machine).
# (made while the Makefile is read: .SECONDARY would skip a missing stamp)
XEN_STAMP := $(BUILD)/xen-$(HAVE_XEN).stamp
XEN_STAMP_MADE := $(shell test -f $(XEN_STAMP) || { mkdir -p $(BUILD) && \
	rm -f $(BUILD)/xen-*.stamp && touch $(XEN_STAMP); })
$(COMMON_OBJ) $(CORE_OBJ) $(DAEMON_OBJ) $(AGENT_OBJ) $(call obj,$(UNIT_SRC) gui-daemon/main.c gui-agent/main.c \
	tools/xen/xentest.c tools/xen/xentest-dom0.c tools/xen/xentest-guest.c tools/xen/xenhostile.c \
	tests/fuzz/fuzz-domain.c): $(XEN_STAMP)

check-xen: deps
	@tools/xen/install-deps
	$(MAKE) all $(BUILD)/xen/xentest $(BUILD)/xen/xenhostile
	tools/xen/run platform
	tools/xen/run vitrine

.PHONY: check-xen

# The drm backend on a real kernel under QEMU (tools/drm/, cached in
# ~/.cache/vitrine-drm): the daemon owns the emulated display and the virtio
# keyboard and mouse; checked from outside through QEMU's monitor.
check-drm: deps
	@tools/xen/install-deps
	$(MAKE) all
	tools/drm/run

.PHONY: check-drm

# (the builds on both cores: CI has two)
check: deps
	$(MAKE) -j2 all
	$(MAKE) -j2 BUILD=build-asan SANITIZE=1 all
	$(MAKE) -j2 BUILD=build-fuzz FUZZ=1 build-fuzz/fuzz-domain build-fuzz/fuzz-control \
		build-fuzz/fuzz-agent
	FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) tests/run-all

demo: deps
	$(MAKE) all
	tools/demo

# Benchmarks against Xpra and the machine's memory bandwidth (bench/run);
# installs Xpra first. Never part of check.
bench:
	@bench/install-deps
	$(MAKE) all $(BENCHES)
	VB_LOAD=$(LOAD) bench/run

asan:
	$(MAKE) BUILD=build-asan SANITIZE=1 all

# The tree's habits, checked: clang-format (.clang-format) over every tracked
# C file, shellcheck over every shell script (tools/lint), and every program,
# test and benchmark built (build-lint/) with WARN_STRICT as errors, as every
# build has them; objects depend on the Makefile, so none is older than the
# flags and nothing needs rebuilding afresh.
lint: deps
	tools/lint
	$(MAKE) -j2 BUILD=build-lint all $(BENCHES:$(BUILD)/%=build-lint/%)

.PHONY: lint

# the programs (vitrine-test's steps in share/vitrine), their man pages (man/,
# gzipped), the systemd user unit, bash completion and an example vitrine.conf
# (contrib/)
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/vitrine
UNITDIR ?= $(PREFIX)/lib/systemd/user
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
install: $(PROGS)
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	install -m 755 tools/vitrine-test $(DESTDIR)$(BINDIR)/
	install -d $(DESTDIR)$(PREFIX)/share/vitrine
	install -m 644 tools/vitrine-test-steps.sh $(DESTDIR)$(PREFIX)/share/vitrine/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(COMPLETIONDIR) $(DESTDIR)$(DOCDIR)
	set -e; for m in man/*.1 man/*.5; do \
		gzip -9n < $$m > $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m#man/}.gz; \
		chmod 644 $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m#man/}.gz; done
	ln -sf vitrine.1.gz $(DESTDIR)$(MANDIR)/man1/vitrine-test.1.gz
	sed 's|@BINDIR@|$(BINDIR)|' contrib/vitrine-daemon.service.in > \
		$(DESTDIR)$(UNITDIR)/vitrine-daemon.service
	chmod 644 $(DESTDIR)$(UNITDIR)/vitrine-daemon.service
	install -m 644 contrib/vitrine.bash-completion $(DESTDIR)$(COMPLETIONDIR)/vitrine
	ln -sf vitrine $(DESTDIR)$(COMPLETIONDIR)/vitrinectl
	install -m 644 contrib/vitrine.conf.example $(DESTDIR)$(DOCDIR)/

# the Debian package (debian/; tools/deb): build/vitrine_VERSION_ARCH.deb,
# checked with lintian
deb: deps
	tools/deb

.PHONY: deb

clean:
	rm -rf build build-asan build-fuzz build-lint

.PHONY: all deps check demo asan fuzz install clean bench
.SECONDARY:

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
