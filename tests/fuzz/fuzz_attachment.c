/* libFuzzer harness for the attachments' type check: the input's first
** byte picks a file name from a short list (each accepted extension and a
** few that are not), the rest is the file. The magic bytes, the ZIP central
** directory of an OOXML file and the name's extension are read without a
** crash, a read past the end, a leak or undefined behaviour, and a type is
** given only to a file whose extension agrees with it.
** Build: cmake -DECHELON_FUZZ=ON -DCMAKE_C_COMPILER=clang; run: make fuzz,
** or build-fuzz/tests/fuzz_attachment -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/attachment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"a.pdf", "a.png", "a.jpg", "a.JPEG", "a.gif", "a.webp", "a.docx", "a.xlsx", "a.pptx", "a.doc",
	"a.xls", "a.ppt", "a.txt", "a",	    "a.",    "../a.pdf", "a.zip", "方案.pdf",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ec_problem why;
	unsigned char *copy;
	int type, sniffed;

	if (size == 0)
		return 0;
	/* a copy of exactly the file's length, so that a read past it is caught */
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	sniffed = ec_attachment_sniff(copy, size - 1);
	memset(&why, 0, sizeof why);
	if (ec_attachment_check(names[data[0] % (sizeof names / sizeof names[0])], copy, size - 1, &type, &why) == 0) {
		if (type != sniffed)
			abort(); /* the check's type is the bytes' */
	} else {
		if (type != -1 || !why.code)
			abort();
		ec_problem_release(&why);
	}
	(void)ec_attachment_mime(sniffed);
	free(copy);
	return 0;
}
