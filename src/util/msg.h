/* msg.h - text fit for a terminal.  What fsconc prints quotes paths and
 * values that users typed or files held; a control character in one (a
 * newline, an escape sequence) must not reach the terminal as such, nor
 * turn one line of a message into two. */
#ifndef FSC_MSG_H
#define FSC_MSG_H

/* Each control character of s replaced by '?', as ls -q shows names, in
 * place: C0 controls (below 0x20), DEL, C1 controls encoded in UTF-8
 * (U+0080 to U+009F, two bytes for one '?', so s may get shorter) and
 * bytes 0x80 to 0x9f outside a valid UTF-8 sequence, which a terminal
 * not in UTF-8 takes for C1 controls.  Other text, valid UTF-8 or not, is
 * kept.  Returns s. */
char *fsc_printable(char *s);

/* "fsconc: MESSAGE" and a newline on stderr, made printable: the one way
 * fsconc reports an error or a warning of its own. */
void fsc_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
