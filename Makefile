# simc: `make` installs missing Debian packages, builds ./simc and checks
# (later: builds) the example companies; `make test` runs every test.

CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Wall -Wextra
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
PCMODS   = libcmark yaml-0.1 libpng
# libgit2, libmicrohttpd and json-c are opened with dlopen when first
# needed (generator/dynlib.h), not linked: most commands never use them
# nor the 25 libraries they bring.  Compiled against their headers; the
# file names are the SONAMEs of those installed (Debian 12's if none).
DLMODS   = libgit2 libmicrohttpd json-c
soname   = $(shell objdump -p $$(pkg-config --variable=libdir $(1) 2>/dev/null)/$(2).so 2>/dev/null | sed -n 's/.*SONAME *//p')
SONAMES  = -DLIBGIT2_SONAME='"$(or $(call soname,libgit2,libgit2),libgit2.so.1.5)"' \
           -DLIBMICROHTTPD_SONAME='"$(or $(call soname,libmicrohttpd,libmicrohttpd),libmicrohttpd.so.12)"' \
           -DLIBJSONC_SONAME='"$(or $(call soname,json-c,libjson-c),libjson-c.so.5)"'
CPPFLAGS += -DSIMC_VERSION='"$(VERSION)"' $(SONAMES) \
            $(shell pkg-config --cflags $(PCMODS) $(DLMODS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PCMODS) 2>/dev/null || echo -lcmark -lyaml -lpng) -ljpeg -lhpdf -lz -lm -pthread

# Debian packages the build, the tests and the examples need
# (libhyphen-dev: only tests/hyphen, which checks generator/hyphen.c
# against it; simc reads the hyphen-* patterns itself).
PACKAGES = gcc make pkg-config libcmark-dev libyaml-dev libhpdf-dev \
           libpng-dev libjpeg-dev libgit2-dev fonts-liberation2 git \
           libmicrohttpd-dev libjson-c-dev \
           valgrind poppler-utils qpdf tidy mandoc python3 python3-yaml \
           python3-jsonschema curl libhyphen-dev hyphen-en-us hyphen-en-gb \
           hyphen-de hyphen-hr hyphen-hu hyphen-it hyphen-pl hyphen-cs hyphen-sl
FONTSRC = /usr/share/fonts/truetype/liberation2
FONTS   = fonts/LiberationSans-Regular.ttf fonts/LiberationSans-Bold.ttf \
          fonts/LiberationSans-Italic.ttf fonts/LiberationSans-BoldItalic.ttf \
          fonts/LiberationMono-Regular.ttf

SRCS = $(wildcard generator/*.c)
OBJS = $(SRCS:.c=.o)
# Only folders whose names make can hold as words: a folder received from
# a client named `x;cmd` must not become a recipe here (simc build takes
# any name; dossier.d escapes what it writes).
COMPANIES := $(shell for f in content/*/*.md; do echo "$${f%/*}"; done | \
               LC_ALL=C grep -E '^content/[A-Za-z0-9._+,@-]+$$' | sort -u)
DOSSIERS  = $(COMPANIES:content/%=out/%/dossier.pdf)

.PHONY: all deps examples test valgrind asan fuzz bench screenshots \
        install uninstall clean

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(DESTDIR)$(PREFIX)/bin
SHAREDIR = $(DESTDIR)$(PREFIX)/share/simc
MANDIR   = $(DESTDIR)$(PREFIX)/share/man
COMPDIR  = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
all: simc $(FONTS) examples

deps: .deps-ok
.deps-ok: Makefile
	@missing=; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "missing Debian packages:$$missing (run make as root, or apt-get install them)"; \
	    exit 1; fi; \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

simc: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(OBJS): generator/*.h | .deps-ok

# The fonts come from Debian's fonts-liberation2, copied beside templates/.
$(FONTS): | .deps-ok
	cp $(FONTSRC)/$(notdir $@) $@

# Each company is built through the dependency file simc writes beside
# its dossier (every note, image, template and font it read): a second
# make rebuilds nothing, touching one note rebuilds one company, and
# make -j builds companies in parallel.
examples: $(DOSSIERS)

out/%/dossier.pdf: simc $(FONTS)
	./simc build content/$* -o out

-include $(wildcard out/*/dossier.d)

test: simc $(FONTS)
	@tests/run.sh

# The whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer:
# a separate binary, every finding fatal, so that its output fails a test.
ASAN_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
              -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
build/asan/simc: $(SRCS) generator/*.h | .deps-ok
	@mkdir -p build/asan
	$(CC) $(ASAN_CFLAGS) $(CPPFLAGS) -o $@ $(SRCS) $(LDLIBS)

asan: build/asan/simc $(FONTS)
	@SIMC=$(CURDIR)/build/asan/simc SIMC_TEMPLATES=$(CURDIR)/templates \
	    ASAN_OPTIONS=detect_leaks=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp tests/run.sh

# Coverage-guided fuzzing with libFuzzer (clang, installed here when
# missing: only fuzzing needs it): FUZZ_SECONDS per target, see fuzz/.
FUZZ_SECONDS ?= 60
fuzz: $(FONTS)
	@command -v clang >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev; }
	$(MAKE) -C fuzz -j2 run FUZZ_SECONDS=$(FUZZ_SECONDS)

valgrind: simc $(FONTS)
	@SIMC_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all" tests/run.sh

screenshots: examples
	@tests/screenshots.sh

bench: simc
	@tests/bench.sh

# An installed simc finds its templates and fonts in ../share/simc/.
install: simc $(FONTS)
	install -d $(BINDIR) $(SHAREDIR)/templates/lang $(SHAREDIR)/fonts \
	    $(MANDIR)/man1 $(MANDIR)/man5 $(COMPDIR)
	install -m 755 simc $(BINDIR)/simc
	install -m 644 completion/simc.bash $(COMPDIR)/simc
	install -m 644 templates/*.yaml templates/*.css templates/README.md \
	    $(SHAREDIR)/templates/
	install -m 644 templates/lang/*.yaml $(SHAREDIR)/templates/lang/
	install -m 644 $(FONTS) fonts/README.md $(SHAREDIR)/fonts/
	install -m 644 man/simc.1 $(MANDIR)/man1/simc.1
	install -m 644 man/simc.5 $(MANDIR)/man5/simc.5

uninstall:
	rm -f $(BINDIR)/simc $(MANDIR)/man1/simc.1 $(MANDIR)/man5/simc.5 \
	    $(COMPDIR)/simc
	rm -rf $(SHAREDIR)

clean:
	rm -f simc generator/*.o .deps-ok $(FONTS)
	rm -rf out build
