# pram-kexec's part of kexec-tools' build (copied to kexec/pram/pram.mk by
# tools/pram-kexec/build.sh together with the sources it names).
include $(srcdir)/kexec/pram/Makefile.libpramhdr
KEXEC_SRCS_base += kexec/pram/pram-kexec.c kexec/pram/cmdline.c \
	kexec/pram/ranges.c $(addprefix kexec/pram/,$(LIBPRAMHDR_SRCS))
CFLAGS += -I$(srcdir)/kexec/pram $(shell pkg-config --cflags mount)
LIBS += -lelf -lz -lpthread $(shell pkg-config --libs mount)
# Device-tree handoff (kexec_load on arm64), with kexec-tools' libfdt.
ifeq ($(ARCH),arm64)
KEXEC_SRCS_base += kexec/pram/dtb.c kexec/pram/pramfdt.c
CFLAGS += -DPRAM_KEXEC_DT=1
endif
