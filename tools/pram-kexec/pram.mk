# pram-kexec's part of kexec-tools' build (copied to kexec/pram/pram.mk by
# tools/pram-kexec/build.sh together with the sources it names).
KEXEC_SRCS_base += kexec/pram/pram-kexec.c kexec/pram/cmdline.c \
	kexec/pram/ranges.c kexec/pram/source.c kexec/pram/source_elf.c \
	kexec/pram/crc32c.c kexec/pram/chain.c kexec/pram/stream.c \
	kexec/pram/shmem.c kexec/pram/report.c
CFLAGS += -I$(srcdir)/kexec/pram
LIBS += -lelf -lz
# Device-tree handoff (kexec_load on arm64), with kexec-tools' libfdt.
ifeq ($(ARCH),arm64)
KEXEC_SRCS_base += kexec/pram/dtb.c kexec/pram/pramfdt.c
endif
