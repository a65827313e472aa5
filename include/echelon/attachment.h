/*
** Attachments of application scenarios: the type of a file told by its
** magic bytes (never by its name alone), the name's extension agreeing with
** it, and the size limit. No I/O: the bytes are the caller's; the store and
** the use cases are in store.h and scenario_app.h.
*/
#ifndef ECHELON_ATTACHMENT_H
#define ECHELON_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"

/* The largest attachment, in bytes: checked against the request's
** Content-Length before its body is read, and against the bytes. */
#define EC_ATTACHMENT_MAX_BYTES (10u << 20)
/* Attachments a scenario may have at most. */
#define EC_ATTACHMENTS_MAX 20
#define EC_ATTACHMENT_NAME 128

/* The kinds of file accepted: PDF, images, and office files (the OOXML
** ones told apart by their parts; the legacy compound files of Word, Excel
** and PowerPoint as one kind). */
enum ec_attachment_type {
	EC_ATT_PDF,
	EC_ATT_PNG,
	EC_ATT_JPEG,
	EC_ATT_GIF,
	EC_ATT_WEBP,
	EC_ATT_DOCX,
	EC_ATT_XLSX,
	EC_ATT_PPTX,
	EC_ATT_OFFICE97,    /* .doc, .xls, .ppt: an OLE2 compound file */
	EC_NATT_TYPES
};

/* The type of data[0..len) by its magic bytes (an OOXML file by its ZIP
** central directory naming [Content_Types].xml and word/, xl/ or ppt/
** parts), or -1 when it is none of the accepted kinds. Reads nothing past
** len. Can't fail. */
int ec_attachment_sniff(const unsigned char *data, size_t len);

/* "pdf", "png", ... and the media type ("application/pdf", ...) of a
** type; "?" and "application/octet-stream" out of range. */
const char *ec_attachment_type_name(int type);
const char *ec_attachment_mime(int type);
/* The type of name "pdf", "png", ..., or -1. */
int ec_attachment_type_parse(const char *name);

/* Checks an attachment: name (1..EC_ATTACHMENT_NAME-1 bytes of UTF-8, no
** '/', '\\' or control character), size (1..EC_ATTACHMENT_MAX_BYTES), the
** type by its bytes (attachment.type), and the name's extension one of
** that type's (attachment.extension: a PNG called .pdf is refused).
** Returns 0 with *type set, or EC_EDATA with the problem in *why (the
** caller releases it). Can't fail otherwise. */
int ec_attachment_check(const char *name, const unsigned char *data, size_t len, int *type /* OUT */,
			struct ec_problem *why /* OUT */);

/* An attachment as listed (its bytes are fetched on their own). */
struct ec_attachment {
	int64_t id;
	char scenario[32];
	char name[EC_ATTACHMENT_NAME];
	char type[16];          /* ec_attachment_type_name */
	int64_t size;           /* bytes */
	char sha256[65];
	char added_by[96];
	char added_at[24];
};

#endif
