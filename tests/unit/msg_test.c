/* msg_test.c - unit tests for text fit for a terminal (msg.c): every
 * control character, C0, DEL and C1 (in UTF-8 or as a lone byte), shows
 * as '?', and printable text, UTF-8 or not, is kept. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/msg.h"

/* fsc_printable on a copy of in, compared with want. */
static void check(const char *in, const char *want)
{
	char *s = strdup(in);

	assert_non_null(s);
	assert_ptr_equal(fsc_printable(s), s);
	assert_string_equal(s, want);
	free(s);
}

/* Ensure that C0 controls and DEL show as '?', one each. */
static void c0_and_del(void **state)
{
	(void)state;
	check("a\nb\tc\rd", "a?b?c?d");
	check("\033c\033[2J", "?c?[2J");
	check("\x01\x1f\x7f", "???");
	check("", "");
	check("plain .fsconc-AbC123", "plain .fsconc-AbC123");
}

/* Ensure that a C1 control in UTF-8 (U+0080 to U+009F: C2 80 to C2 9F)
 * shows as one '?', CSI (U+009B) included. */
static void c1_in_utf8(void **state)
{
	(void)state;
	check("\xc2\x80", "?");
	check("\xc2\x9b" "2J", "?2J");
	check("x\xc2\x9fy", "x?y");
	check("\xc2\x85\xc2\x8d", "??");
}

/* Ensure that a byte 0x80 to 0x9f outside a valid UTF-8 sequence (a
 * terminal not in UTF-8 takes 0x9b for CSI) shows as '?'. */
static void c1_as_lone_bytes(void **state)
{
	(void)state;
	check("\x9b" "2J", "?2J");
	check("a\x80z", "a?z");
	check("\x9f\x90", "??");
	/* A lead byte without its continuation: the lead stays (it is no
	 * control), the stray continuation goes. */
	check("\xc2" "A", "\xc2" "A");
	check("\xe2\x9b", "\xe2?");
	/* Overlong forms are no valid UTF-8: C0 80 is not NUL, C1 9B not
	 * CSI, and the 0x80-0x9f byte after the lead goes. */
	check("\xc0\x80", "\xc0?");
	check("\xc1\x9b", "\xc1?");
	/* A surrogate (ED A0 80) is not valid either. */
	check("\xed\xa0\x80", "\xed\xa0?");
}

/* Ensure that printable UTF-8 is kept, also where its continuation bytes
 * are 0x80 to 0x9f, and that Latin-1 bytes from 0xa0 stay. */
static void printable_kept(void **state)
{
	(void)state;
	check("caf\xc3\xa9", "caf\xc3\xa9");		/* é */
	check("\xc2\xa0\xc2\xbf", "\xc2\xa0\xc2\xbf");	/* NBSP, ¿ */
	check("\xe2\x80\x9c" "q" "\xe2\x80\x9d",
	      "\xe2\x80\x9c" "q" "\xe2\x80\x9d");	/* “q” */
	check("\xe2\x82\xac", "\xe2\x82\xac");		/* € */
	check("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");	/* U+1F600 */
	check("\xe9t\xe9", "\xe9t\xe9");			/* Latin-1 été */
	check("\xff\xfe", "\xff\xfe");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c0_and_del),
		cmocka_unit_test(c1_in_utf8),
		cmocka_unit_test(c1_as_lone_bytes),
		cmocka_unit_test(printable_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
