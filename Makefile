# SPDX-License-Identifier: GPL-2.0
#
# kmemlab top-level build.
#
#   make            kmemlab.ko (against KDIR) and userspace/kmemlab
#   make check      every test layer; ends with "N passed, N failed"
#   make check-debug  selftests, fuzzer and fault injection on a debug kernel
#   make fuzz-long  10^6 fuzz commands in the VM
#   make bench      boot the VM and run the benchmark suite
#   make matrix     build and selftest on every kernel of tools/kernels
#                   (KERNELS="6.1 6.12" for some; fetched once into .cache)
#   make deb        Debian packages kmemlab-dkms and kmemlab (build/deb/)
#   make deps       install the Debian packages the project needs (root)
#   make install    the tool into $(DESTDIR)$(PREFIX)/bin (PREFIX=/usr/local)
#   make modules_install   kmemlab.ko into /lib/modules/<KDIR's release>/extra
#
# KDIR defaults to /lib/modules/$(uname -r)/build when it exists, else to
# the newest installed /lib/modules/*/build.

KDIR ?= $(shell tools/kdir)
export KDIR

BUILD	:= build
CC	?= gcc

CORE_SRCS := $(sort $(wildcard module/core/*.c module/engine/*.c))
CORE_HDRS := $(wildcard module/core/*.h module/engine/*.h) \
	     $(wildcard userspace/sim/*.h)
SIM_SRCS  := $(sort $(wildcard userspace/sim/*.c))
# The CLI: its library (userspace/lib) and the subcommands (userspace/cmd).
CLI_LIB_SRCS := $(sort $(wildcard userspace/lib/*.c))
CLI_CMD_SRCS := $(sort $(wildcard userspace/cmd/*.c))
CLI_HDRS  := $(wildcard userspace/lib/*.h) $(wildcard userspace/cmd/*.h) \
	     userspace/shim/record_fmt.h

# Userspace flags. The cores are kernel code: unused parameters are normal
# there, as in the kernel's own flags.
WARN	:= -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow \
	   -Wstrict-prototypes -Wmissing-prototypes
US_INC	:= -Iuserspace/sim -Imodule/core -Imodule/engine
US_CFLAGS := -std=gnu11 -O2 -g -D_GNU_SOURCE $(WARN) $(US_INC) -pthread
CLI_INC	:= -Iuserspace/lib -Iuserspace/shim
SAN	:= -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined

LIB		:= $(BUILD)/libkmemlab.a
LIB_SAN		:= $(BUILD)/san/libkmemlab.a
LIB_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(CORE_SRCS) $(SIM_SRCS))
LIB_SAN_OBJS	:= $(patsubst %.c,$(BUILD)/san/%.o,$(CORE_SRCS) $(SIM_SRCS))
CLI_LIB		:= $(BUILD)/libkmemlab-cli.a
CLI_LIB_SAN	:= $(BUILD)/san/libkmemlab-cli.a
CLI_LIB_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(CLI_LIB_SRCS))
CLI_LIB_SAN_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(CLI_LIB_SRCS))
CLI		:= userspace/kmemlab
CLI_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(CLI_CMD_SRCS))
CLI_SAN_OBJS	:= $(patsubst %.c,$(BUILD)/san/%.o,$(CLI_CMD_SRCS))
# The LD_PRELOAD library of 'kmemlab record', next to the tool.
SHIM		:= userspace/kmemlab-record.so
SHIM_SRCS	:= userspace/shim/record_shim.c
# The tool under ASan, UBSan and LSan, for the tests of its error exits.
CLI_SAN		:= $(BUILD)/san/kmemlab

UNIT_SRCS	:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
UNIT_HELPERS	:= $(filter-out $(UNIT_SRCS),$(wildcard tests/unit/*.c))
CHECK_LIBS	:= $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt)

.PHONY: all module userspace lib check check-debug unit lint bench deps clean help \
	selftests fuzz bench-cores install modules_install shell matrix deb

all: module userspace

help:
	@sed -n '3,19p' Makefile | sed 's/^# \{0,1\}//'

module:
	@test -d "$(KDIR)" || { echo "kmemlab: no kernel build tree at KDIR='$(KDIR)' (run 'make deps')" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

userspace: $(CLI) $(SHIM)

lib: $(LIB) $(LIB_SAN) $(CLI_LIB) $(CLI_LIB_SAN) $(CLI_SAN)

$(BUILD)/%.o: %.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -c $< -o $@

$(BUILD)/san/%.o: %.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -O1 $(SAN) -c $< -o $@

# The CLI's files see its headers; the cores do not.
$(CLI_LIB_OBJS) $(CLI_OBJS): $(BUILD)/%.o: %.c $(CORE_HDRS) $(CLI_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) $(CLI_INC) -c $< -o $@

$(CLI_LIB_SAN_OBJS) $(CLI_SAN_OBJS): $(BUILD)/san/%.o: %.c $(CORE_HDRS) $(CLI_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -O1 $(SAN) $(CLI_INC) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(LIB_SAN): $(LIB_SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(CLI_LIB): $(CLI_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(CLI_LIB_SAN): $(CLI_LIB_SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(CLI): $(CLI_OBJS) $(CLI_LIB) $(LIB)
	$(CC) $(US_CFLAGS) -o $@ $(CLI_OBJS) $(CLI_LIB) $(LIB) -lncurses -ldl -lm

$(SHIM): $(SHIM_SRCS) userspace/shim/record_fmt.h
	$(CC) -std=gnu11 -O2 -g -D_GNU_SOURCE $(WARN) -fPIC -shared \
		-fvisibility=hidden -o $@ $(SHIM_SRCS) -ldl -pthread

$(CLI_SAN): $(CLI_SAN_OBJS) $(CLI_LIB_SAN) $(LIB_SAN)
	$(CC) $(US_CFLAGS) -O1 $(SAN) -o $@ $(CLI_SAN_OBJS) $(CLI_LIB_SAN) \
		$(LIB_SAN) -lncurses -ldl -lm

# Unit tests link the libraries (the CLI's before the cores'); a test of a
# subcommand names the command's object in UNIT_OBJS below.
$(BUILD)/unit/%: tests/unit/%.c $(UNIT_HELPERS) $(wildcard tests/unit/*.h) \
		 $(CLI_LIB_SAN) $(LIB_SAN)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -O1 $(SAN) $(CLI_INC) -Iuserspace/cmd -Itests/unit \
		-o $@ $< $(UNIT_HELPERS) $(UNIT_OBJS) $(CLI_LIB_SAN) $(LIB_SAN) \
		$(CHECK_LIBS) -lm

# Tests that run a subcommand link its object (the sanitizer build).
$(BUILD)/unit/test_cli_parse: UNIT_OBJS = $(BUILD)/san/userspace/cmd/views.o
$(BUILD)/unit/test_cli_parse: $(BUILD)/san/userspace/cmd/views.o

unit: $(UNIT_BINS)

# Userspace benchmarks of the cores (docs/BENCHMARKS.md).
$(BUILD)/bench/%: tests/bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -o $@ $< $(LIB) -lm

bench-cores: $(BUILD)/bench/bench_cores

check:
	@tools/check

# The selftests, fuzzer and fault injection on the debug kernel
# (tools/debug-kernel; docs/hardening.md). FUZZ_COUNT=N fuzz commands
# (default 10^6); TESTS="fuzz.sh ..." runs only those selftests.
check-debug:
	@$(if $(FUZZ_COUNT),KMEMLAB_FUZZ_COUNT=$(FUZZ_COUNT)) tools/check-debug $(TESTS)

bench:
	@tools/bench

matrix:
	@tools/matrix

deb:
	@tools/deb

deps:
	@tools/deps

# An interactive root shell in the VM, the module built and ready to insmod.
shell: all
	@tools/vm/kmemlab-vm --shell

PREFIX	?= /usr/local
BINDIR	:= $(DESTDIR)$(PREFIX)/bin

install: $(CLI) $(SHIM)
	install -d $(BINDIR)
	install -m 0755 $(CLI) $(BINDIR)/kmemlab
	install -d $(DESTDIR)$(PREFIX)/lib/kmemlab
	install -m 0644 $(SHIM) $(DESTDIR)$(PREFIX)/lib/kmemlab/kmemlab-record.so

# Kbuild's own target: INSTALL_MOD_PATH and INSTALL_MOD_DIR work as usual;
# run depmod afterwards (Kbuild does when it can).
modules_install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=$(or $(INSTALL_MOD_DIR),extra) modules_install

clean:
	rm -rf $(BUILD) $(CLI) $(SHIM)
	-test -d "$(KDIR)" && $(MAKE) -C $(KDIR) M=$(CURDIR) clean

-include tests/selftests/Makefile.inc
-include tests/fuzz/Makefile.inc
-include labs/Makefile.inc
