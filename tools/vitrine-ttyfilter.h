/* vitrine run's filter of what COMMAND writes to the user's terminal
 * (vitrine-ttyfilter.c, docs/run.md): text, and the control sequences that
 * only draw, pass; the ones that act on the terminal itself or make it
 * answer are dropped. Streaming: a sequence may be cut anywhere between two
 * calls; memory use is this structure's, whatever the input. */
#ifndef VITRINE_TTYFILTER_H
#define VITRINE_TTYFILTER_H

#include <stdbool.h>
#include <stddef.h>

#define TTYF_CSI_MAX 256	       /* a longer CSI sequence is dropped */
#define TTYF_SLACK (TTYF_CSI_MAX + 64) /* (ttyfilter_end: up to about 200) */

struct ttyfilter {
	bool utf8;		  /* the terminal decodes UTF-8 (else: 8-bit C1 controls) */
	unsigned char st;	  /* where in a sequence */
	unsigned char need, have; /* UTF-8: bytes still expected, bytes held in u */
	unsigned char u[4];
	unsigned char prev; /* in a string: the byte before (0xc2 of C1 ST) */
	unsigned short n;   /* CSI bytes held in csi */
	unsigned char csi[TTYF_CSI_MAX];
	unsigned modes;	     /* the terminal's modes COMMAND changed (ttyfilter_end) */
	unsigned char inter; /* ESC ( or ESC ) passed: the charset's byte next */
};

void ttyfilter_init(struct ttyfilter *f, bool utf8);
/* The n bytes of in, filtered, into out (room for n + TTYF_SLACK bytes);
 * returns how many bytes it wrote. */
size_t ttyfilter(struct ttyfilter *f, const unsigned char *in, size_t n, unsigned char *out);
/* COMMAND ended: into out (room for TTYF_SLACK bytes), the sequences that
 * put back the modes it left changed (the alternate screen, mouse and
 * focus reports, bracketed paste, a hidden cursor, application keys,
 * colours; review of 2026-12-03: the user's shell got mouse reports as
 * typing); returns how many bytes it wrote. */
size_t ttyfilter_end(struct ttyfilter *f, unsigned char *out);
/* Whether the locale (LC_ALL, LC_CTYPE, LANG) leaves the terminal UTF-8:
 * unset, C or POSIX, or one that names UTF-8. */
bool ttyfilter_utf8_locale(void);

#endif
