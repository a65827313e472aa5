/*
** This is the implementation of the attachments' checks: a file's type
** from its magic bytes, an OOXML file's kind from its ZIP central
** directory, the name's extension against that type, and the size limit.
** Every read is bounded by the length given; nothing is decompressed.
*/
#include <stdio.h>
#include <string.h>

#include "echelon/attachment.h"

static const struct {
	const char *name, *mime, *extensions; /* ';'-separated, lower case */
} types[EC_NATT_TYPES] = {
	[EC_ATT_PDF] = { "pdf", "application/pdf", "pdf" },
	[EC_ATT_PNG] = { "png", "image/png", "png" },
	[EC_ATT_JPEG] = { "jpeg", "image/jpeg", "jpg;jpeg" },
	[EC_ATT_GIF] = { "gif", "image/gif", "gif" },
	[EC_ATT_WEBP] = { "webp", "image/webp", "webp" },
	[EC_ATT_DOCX] = { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
	[EC_ATT_XLSX] = { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
	[EC_ATT_PPTX] = { "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx" },
	[EC_ATT_OFFICE97] = { "office97", "application/x-ole-storage", "doc;xls;ppt" },
};

const char *ec_attachment_type_name(int type)
{
	return type >= 0 && type < EC_NATT_TYPES ? types[type].name : "?";
}

const char *ec_attachment_mime(int type)
{
	return type >= 0 && type < EC_NATT_TYPES ? types[type].mime : "application/octet-stream";
}

int ec_attachment_type_parse(const char *name)
{
	for (int i = 0; name && i < EC_NATT_TYPES; i++)
		if (strcmp(name, types[i].name) == 0)
			return i;
	return -1;
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int starts(const unsigned char *data, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(data, magic, n) == 0;
}

/* The kind of OOXML file a ZIP archive is, from the names of its central
** directory: [Content_Types].xml and a part under word/, xl/ or ppt/; -1
** when it is not one. The end record is looked for in the last 64 KiB +
** 22 bytes, as the format places it; every header is bounds-checked. */
static int ooxml(const unsigned char *data, size_t len)
{
	size_t end, from, at, count, i;
	int content_types = 0, kind = -1;

	if (len < 22)
		return -1;
	from = len > 65535 + 22 ? len - 65535 - 22 : 0;
	for (end = len - 22 + 1; end-- > from;)
		if (le32(data + end) == 0x06054b50u)
			break;
	if (end == (size_t)-1 || end < from || le32(data + end) != 0x06054b50u)
		return -1;
	count = le16(data + end + 10);
	at = le32(data + end + 16);
	for (i = 0; i < count; i++) {
		size_t name_len, extra, comment;
		const char *name;
		if (at > end || end - at < 46 || le32(data + at) != 0x02014b50u)
			return -1;
		name_len = le16(data + at + 28);
		extra = le16(data + at + 30);
		comment = le16(data + at + 32);
		if (end - at - 46 < name_len)
			return -1;
		name = (const char *)data + at + 46;
		if (name_len == 19 && memcmp(name, "[Content_Types].xml", 19) == 0)
			content_types = 1;
		else if (kind < 0 && name_len > 5 && memcmp(name, "word/", 5) == 0)
			kind = EC_ATT_DOCX;
		else if (kind < 0 && name_len > 3 && memcmp(name, "xl/", 3) == 0)
			kind = EC_ATT_XLSX;
		else if (kind < 0 && name_len > 4 && memcmp(name, "ppt/", 4) == 0)
			kind = EC_ATT_PPTX;
		if (end - at - 46 - name_len < extra + comment)
			return -1;
		at += 46 + name_len + extra + comment;
	}
	return content_types ? kind : -1;
}

int ec_attachment_sniff(const unsigned char *data, size_t len)
{
	if (starts(data, len, "%PDF-", 5))
		return EC_ATT_PDF;
	if (starts(data, len, "\x89PNG\r\n\x1a\n", 8))
		return EC_ATT_PNG;
	if (starts(data, len, "\xff\xd8\xff", 3))
		return EC_ATT_JPEG;
	if (starts(data, len, "GIF87a", 6) || starts(data, len, "GIF89a", 6))
		return EC_ATT_GIF;
	if (len >= 12 && starts(data, len, "RIFF", 4) && memcmp(data + 8, "WEBP", 4) == 0)
		return EC_ATT_WEBP;
	if (starts(data, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return EC_ATT_OFFICE97;
	if (starts(data, len, "PK\x03\x04", 4))
		return ooxml(data, len);
	return -1;
}

/* Whether name ends in one of type's extensions (compared without case). */
static int extension_ok(int type, const char *name)
{
	const char *dot = strrchr(name, '.'), *list = types[type].extensions;
	char ext[8];
	size_t n;

	if (!dot || (n = strlen(dot + 1)) == 0 || n >= sizeof ext)
		return 0;
	for (size_t i = 0; i <= n; i++)
		ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ";");
		if (len == n && memcmp(p, ext, n) == 0)
			return 1;
		p += len + (p[len] == ';');
	}
	return 0;
}

int ec_attachment_check(const char *name, const unsigned char *data, size_t len, int *type, struct ec_problem *why)
{
	char at[24];
	size_t n = name ? strlen(name) : 0;

	*type = -1;
	if (n == 0) {
		ec_problem_set(why, "field.empty", "name", NULL);
		return EC_EDATA;
	}
	if (n >= EC_ATTACHMENT_NAME) {
		snprintf(at, sizeof at, "%d", EC_ATTACHMENT_NAME - 1);
		ec_problem_set(why, "field.too_long", "name", "max", at, NULL);
		return EC_EDATA;
	}
	if (ec_utf8_check(name, n) || strpbrk(name, "/\\") || name[strcspn(name, "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r"
								      "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
								      "\x1b\x1c\x1d\x1e\x1f\x7f")]) {
		ec_problem_set(why, "attachment.name", "name", "name", name, NULL);
		return EC_EDATA;
	}
	if (len == 0) {
		ec_problem_set(why, "attachment.empty", "file", NULL);
		return EC_EDATA;
	}
	if (len > EC_ATTACHMENT_MAX_BYTES) {
		snprintf(at, sizeof at, "%u", EC_ATTACHMENT_MAX_BYTES);
		ec_problem_set(why, "attachment.too_large", "file", "max", at, NULL);
		return EC_EDATA;
	}
	if ((*type = ec_attachment_sniff(data, len)) < 0) {
		ec_problem_set(why, "attachment.type", "file", "name", name, NULL);
		return EC_EDATA;
	}
	if (!extension_ok(*type, name)) {
		ec_problem_set(why, "attachment.extension", "name", "name", name, "file_type",
			       ec_attachment_type_name(*type),
			       "expected", types[*type].extensions, NULL);
		*type = -1;
		return EC_EDATA;
	}
	return EC_OK;
}
