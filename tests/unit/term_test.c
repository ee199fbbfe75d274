/* term_test.c - unit tests for fitting text to the terminal (term.c):
 * the width from $COLUMNS, wrapping under a lead, long words and UTF-8,
 * and a line cut short. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/term.h"

/* What fsc_wrap printed, in buf. */
static char *wrap(char *buf, size_t len, unsigned width, const char *lead,
		  const char *text)
{
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	fsc_wrap(f, width, lead, text);
	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Ensure that without a terminal the width is $COLUMNS, else 80, and
 * never under FSC_TERM_MIN. */
static void term_width_from_columns(void **state)
{
	(void)state;
	unsetenv("COLUMNS");
	assert_int_equal(fsc_term_width(-1), 80);
	setenv("COLUMNS", "132", 1);
	assert_int_equal(fsc_term_width(-1), 132);
	setenv("COLUMNS", "5", 1);
	assert_int_equal(fsc_term_width(-1), FSC_TERM_MIN);
	setenv("COLUMNS", "wide", 1);
	assert_int_equal(fsc_term_width(-1), 80);
	unsetenv("COLUMNS");
}

/* Ensure that a long line wraps at spaces, its later lines indented
 * under the text after the lead. */
static void wrap_under_lead(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(wrap(buf, sizeof(buf), 24, "note:   ",
				 "one two three four five six seven"),
			    "note:   one two three\n"
			    "        four five six\n"
			    "        seven\n");
	/* A short line is left alone, and an empty lead indents by 8. */
	assert_string_equal(wrap(buf, sizeof(buf), 24, "", "short"),
			    "short\n");
	assert_string_equal(wrap(buf, sizeof(buf), 20, "",
				 "aaaa bbbb cccc dddd eeee"),
			    "aaaa bbbb cccc dddd\n        eeee\n");
}

/* Ensure that a word longer than a line is broken at the edge, and that
 * characters count, not bytes (a UTF-8 sequence is never split). */
static void wrap_long_word_and_utf8(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(wrap(buf, sizeof(buf), 20, "kept: ",
				 "/a/very/long/path/that/goes/on"),
			    "kept: /a/very/long/p\n"
			    "      ath/that/goes/\n"
			    "      on\n");
	assert_string_equal(wrap(buf, sizeof(buf), 20, "",
				 "\u00d7\u00d7\u00d7\u00d7\u00d7 \u00b5\u00b5 "
				 "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
				 "\u00e9\u00e9\u00e9"),
			    "\u00d7\u00d7\u00d7\u00d7\u00d7 \u00b5\u00b5 "
			    "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
			    "\u00e9\u00e9\u00e9\n");
	assert_int_equal(fsc_text_width("threads\u00d75"), 9);
}

/* Ensure that a line cut to a width keeps whole characters. */
static void cut_to_width(void **state)
{
	char s[64];

	(void)state;
	snprintf(s, sizeof(s), "trial 1/2: threads\u00d75 on /tmp");
	assert_string_equal(fsc_cut(s, 19), "trial 1/2: threads\u00d7");
	snprintf(s, sizeof(s), "short");
	assert_string_equal(fsc_cut(s, 19), "short");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(term_width_from_columns),
		cmocka_unit_test(wrap_under_lead),
		cmocka_unit_test(wrap_long_word_and_utf8),
		cmocka_unit_test(cut_to_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
