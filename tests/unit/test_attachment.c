/* Unit tests of the attachments' checks: each accepted type told by its
** magic bytes, OOXML files told apart by their ZIP central directory (and
** a ZIP that is not one refused), truncated and lying archives read
** without going past their end, the name's extension against the type,
** and the size limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/attachment.h"

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* A ZIP of empty members named names[0..n): a local header's signature,
** the central directory, the end record. Returns its length. */
static size_t zip_of(const char *const *names, size_t n, unsigned char *out)
{
	size_t at = 30, cd;

	memset(out, 0, 30);
	memcpy(out, "PK\x03\x04", 4);
	cd = at;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		memset(out + at, 0, 46);
		put32(out + at, 0x02014b50u);
		put16(out + at + 28, (unsigned)len);
		memcpy(out + at + 46, names[i], len);
		at += 46 + len;
	}
	memset(out + at, 0, 22);
	put32(out + at, 0x06054b50u);
	put16(out + at + 8, (unsigned)n);
	put16(out + at + 10, (unsigned)n);
	put32(out + at + 12, (uint32_t)(at - cd));
	put32(out + at + 16, (uint32_t)cd);
	return at + 22;
}

static void test_magic(void **state)
{
	(void)state;
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"%PDF-1.7\n", 9), EC_ATT_PDF);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"\x89PNG\r\n\x1a\n....", 12), EC_ATT_PNG);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"\xff\xd8\xff\xe0", 4), EC_ATT_JPEG);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"GIF89a..", 8), EC_ATT_GIF);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"RIFF\0\0\0\0WEBPVP8 ", 16), EC_ATT_WEBP);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8),
			 EC_ATT_OFFICE97);
	/* not accepted: text, an executable, a RIFF that is not WebP, too short */
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"hello", 5), -1);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"\x7f" "ELF\2\1\1", 7), -1);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"RIFF\0\0\0\0WAVEfmt ", 16), -1);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"%PD", 3), -1);
	assert_int_equal(ec_attachment_sniff((const unsigned char *)"", 0), -1);
}

static void test_ooxml(void **state)
{
	static const char *const docx[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml" };
	static const char *const xlsx[] = { "xl/workbook.xml", "[Content_Types].xml" };
	static const char *const pptx[] = { "[Content_Types].xml", "ppt/presentation.xml" };
	static const char *const plain[] = { "readme.txt", "word/x.xml" };  /* no [Content_Types].xml */
	static const char *const other[] = { "[Content_Types].xml", "content.xml" };
	unsigned char zip[1024];
	size_t n;

	(void)state;
	assert_int_equal(ec_attachment_sniff(zip, zip_of(docx, 3, zip)), EC_ATT_DOCX);
	assert_int_equal(ec_attachment_sniff(zip, zip_of(xlsx, 2, zip)), EC_ATT_XLSX);
	assert_int_equal(ec_attachment_sniff(zip, zip_of(pptx, 2, zip)), EC_ATT_PPTX);
	assert_int_equal(ec_attachment_sniff(zip, zip_of(plain, 2, zip)), -1);
	assert_int_equal(ec_attachment_sniff(zip, zip_of(other, 2, zip)), -1);
	/* cut anywhere, the archive is read no further than its end */
	n = zip_of(docx, 3, zip);
	for (size_t cut = 0; cut < n; cut++) {
		unsigned char *part = malloc(cut ? cut : 1);
		memcpy(part, zip, cut);
		assert_int_equal(ec_attachment_sniff(part, cut), -1);
		free(part);
	}
	/* an end record that lies about the directory's place or its count */
	n = zip_of(docx, 3, zip);
	put32(zip + n - 22 + 16, 0xfffffff0u);
	assert_int_equal(ec_attachment_sniff(zip, n), -1);
	n = zip_of(docx, 3, zip);
	put16(zip + n - 22 + 10, 60000);
	assert_int_equal(ec_attachment_sniff(zip, n), -1);
}

static void test_check(void **state)
{
	const unsigned char *pdf = (const unsigned char *)"%PDF-1.4\n", *png = (const unsigned char *)"\x89PNG\r\n\x1a\nxx";
	struct ec_problem why;
	int type;

	(void)state;
	memset(&why, 0, sizeof why);
	assert_int_equal(ec_attachment_check("方案.PDF", pdf, 9, &type, &why), EC_OK);
	assert_int_equal(type, EC_ATT_PDF);
	assert_int_equal(ec_attachment_check("photo.jpeg", (const unsigned char *)"\xff\xd8\xff", 3, &type, &why), EC_OK);
	assert_int_equal(ec_attachment_check("old.xls", (const unsigned char *)"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8,
					     &type, &why),
			 EC_OK);
	struct {
		const char *name;
		const unsigned char *data;
		size_t len;
		const char *code;
	} refused[] = {
		{ "fake.pdf", png, 10, "attachment.extension" },       /* a PNG called .pdf */
		{ "noext", pdf, 9, "attachment.extension" },
		{ "a.txt", (const unsigned char *)"hello", 5, "attachment.type" },
		{ "", pdf, 9, "field.empty" },
		{ "../etc/x.pdf", pdf, 9, "attachment.name" },
		{ "a\nb.pdf", pdf, 9, "attachment.name" },
		{ "empty.pdf", pdf, 0, "attachment.empty" },
		{ "big.pdf", pdf, (size_t)EC_ATTACHMENT_MAX_BYTES + 1, "attachment.too_large" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		memset(&why, 0, sizeof why);
		assert_int_equal(ec_attachment_check(refused[i].name, refused[i].data, refused[i].len, &type, &why), EC_EDATA);
		assert_string_equal(why.code, refused[i].code);
		assert_int_equal(type, -1);
		ec_problem_release(&why);
	}
	assert_string_equal(ec_attachment_mime(EC_ATT_PDF), "application/pdf");
	assert_int_equal(ec_attachment_type_parse("xlsx"), EC_ATT_XLSX);
	assert_int_equal(ec_attachment_type_parse("exe"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_magic),
		cmocka_unit_test(test_ooxml),
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
