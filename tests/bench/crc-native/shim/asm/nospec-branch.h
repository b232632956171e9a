/* SPDX-License-Identifier: GPL-2.0-only */
.macro JMP_NOSPEC reg:req
	jmp *%\reg
.endm
