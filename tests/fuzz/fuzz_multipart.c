/* libFuzzer harness for the multipart/form-data reader of uploads
** (src/server/parse.c, parse_multipart_file). The input's first line is the
** Content-Type header, the rest the body, held in a buffer of exactly its
** size with no NUL after it, so that a read past the end is caught. Any
** input is read without a crash, leak or undefined behaviour, and a part
** found lies inside the body with a file name that is a clean base name.
** Run: make fuzz, or build-fuzz/tests/fuzz_multipart -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/echelon.h"
#include "server/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless out[0..size) holds a NUL-terminated name that is the
** default or a base name parse_multipart_file may write. */
static void check_filename(const char *out, size_t size)
{
	const char *nul = memchr(out, '\0', size);
	size_t n;

	if (!nul)
		abort();
	n = (size_t)(nul - out);
	if (n > PARSE_FILENAME_MAX || ec_utf8_check(out, n) != 0)
		abort();
	for (size_t i = 0; i < n; i++)
		if (out[i] == '/' || out[i] == '\\' || (unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			abort();
}

/* One reading into a file name buffer of fsize bytes (1 to 128). */
static void read_form(const char *type, const char *body, size_t len, size_t fsize)
{
	char filename[128];
	const char *part = NULL;
	size_t plen = 0;

	snprintf(filename, fsize, "upload.csv");
	if (parse_multipart_file(type, body, len, &part, &plen, filename, fsize) == 0) {
		if (!part || part < body || plen > len || (size_t)(part - body) > len - plen)
			abort();
	} else if (part || plen) {
		abort(); /* a failure changes nothing */
	}
	check_filename(filename, fsize);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size, len = nl ? size - tlen - 1 : 0;
	char *type = malloc(tlen + 1), *body = malloc(len ? len : 1);

	memcpy(type, data, tlen);
	type[tlen] = '\0';
	if (len)
		memcpy(body, nl + 1, len);
	read_form(type, body, len, 128);
	read_form(type, body, len, 8);
	if (len == 0)
		read_form(type, NULL, 0, 128); /* a request without a body */
	free(type);
	free(body);
	return 0;
}
