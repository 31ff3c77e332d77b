/*
 * The one UTF-8 decoder (RFC 3629, strict): no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no 5- or 6-byte
 * forms. Used for titles, the clipboard, the agent's properties and the
 * control socket's `type`. Pure: no I/O, no allocation.
 */
#ifndef VITRINE_UTF8_H
#define VITRINE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the character at untrusted[0..len): returns its length (1 to 4)
 * and sets *cp, or returns 0 if the bytes there are not a well-formed
 * character (malformed, or cut short by len; len 0 included).
 */
size_t vp_utf8_decode(const uint8_t *untrusted, size_t len, uint32_t *cp);

/* Length of the longest well-formed prefix of s[0..len) (NUL included). */
size_t vp_utf8_span(const uint8_t *s, size_t len);

/* 1 if s[0..len) is well-formed UTF-8 without NUL. */
int vp_utf8_valid(const uint8_t *s, size_t len);

#endif
