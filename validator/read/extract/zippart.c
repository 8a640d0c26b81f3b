/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * zippart.c: office zips read from memory with libarchive, and their XML
 * parts with libxml2's streaming reader, under the rules of
 * shared/notes/reliability.md sections 1-4 (see zippart.h).
 */
#include "zippart.h"

#include <archive.h>
#include <archive_entry.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

/* ASCII-only, so a locale cannot change which part is read. */
static int name_casecmp(const char *a, const char *b)
{
	unsigned char ca, cb;

	do {
		ca = (unsigned char)*a++;
		cb = (unsigned char)*b++;
		if (ca >= 'A' && ca <= 'Z')
			ca = (unsigned char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (unsigned char)(cb - 'A' + 'a');
	} while (ca && ca == cb);
	return ca - cb;
}

static void zip_damaged(struct doc *d, struct archive *a, const char *what)
{
	const char *msg = archive_error_string(a);

	doc_set_status(d, DOC_UNREADABLE, "%s: %s", what,
		       msg ? msg : "damaged zip");
	doc_note(d, HS201, "office zip %s: %s", what,
		 msg ? msg : "damaged zip");
}

/*
 * Reads the current entry's data into p, counting the inflated bytes
 * ourselves. HS_FAILED when the archive is damaged.
 */
static enum hs_status read_entry(struct doc *d, struct archive *a,
				 struct zip_part *p)
{
	const void *block;
	size_t size;
	la_int64_t off;
	int r;

	for (;;) {
		r = archive_read_data_block(a, &block, &size, &off);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			zip_damaged(d, a, "cannot inflate a part");
			return HS_FAILED;
		}
		/* Zip data comes in order; a gap or overlap is damage. */
		if (off < 0 || (uint64_t)off != p->data.len) {
			doc_set_status(d, DOC_UNREADABLE,
				       "part '%s' has inconsistent data",
				       p->name);
			doc_note(d, HS201, "office zip part '%s' is damaged",
				 p->name);
			return HS_FAILED;
		}
		if (hs_buf_add_trunc(&p->data, block, size) != HS_OK) {
			p->over = true;
			doc_set_status(d, DOC_LIMIT_EXCEEDED,
				       "part '%s' larger than %zu bytes",
				       p->name, d->limits.part_max);
			doc_note(d, HS106,
				 "office part '%s' larger than %zu bytes (--max-part): only its start was read",
				 p->name, d->limits.part_max);
			/* Leave the rest; next_header skips it. */
			return HS_OK;
		}
	}
	p->complete = true;
	return HS_OK;
}

enum hs_status zip_read_parts(struct doc *d, const unsigned char *data,
			      size_t len, struct zip_part *parts, size_t n)
{
	struct archive *a = NULL;
	struct archive_entry *e;
	char **seen = NULL; /* names of the entries so far, owned */
	size_t nseen = 0, seen_cap = 0;
	enum hs_status ret = HS_OK;
	int r;

	for (size_t i = 0; i < n; i++) {
		hs_buf_init(&parts[i].data, d->limits.part_max);
		parts[i].found = parts[i].complete = false;
		parts[i].encrypted = parts[i].over = false;
	}
	a = archive_read_new();
	if (!a)
		hs_die("out of memory (archive_read_new)");
	/* Only zip: no filter, no other format, nothing that execs. */
	if (archive_read_support_format_zip(a) != ARCHIVE_OK ||
	    archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		zip_damaged(d, a, "cannot be opened");
		ret = HS_FAILED;
		goto cleanup;
	}
	for (;;) {
		const char *name;
		struct zip_part *p = NULL;
		bool dup = false;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		/* RETRY is not expected from zip; never loop on it. */
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			zip_damaged(d, a, "damaged");
			ret = HS_FAILED;
			goto cleanup;
		}
		if (nseen >= d->limits.parts_max) {
			doc_set_status(d, DOC_LIMIT_EXCEEDED,
				       "office zip has more than %zu entries",
				       d->limits.parts_max);
			doc_note(d, HS106,
				 "office zip has more than %zu entries: the rest was not read",
				 d->limits.parts_max);
			ret = HS_LIMIT;
			goto cleanup;
		}
		name = archive_entry_pathname(e);
		if (!name)
			name = "";
		for (size_t i = 0; i < nseen && !dup; i++)
			dup = !name_casecmp(seen[i], name);
		HS_GROW(seen, seen_cap, nseen + 1);
		seen[nseen++] = hs_strdup(name);
		if (dup) {
			/*
			 * OPC forbids names equal but for case; readers
			 * disagree on which one wins, so say so.
			 */
			doc_note(d, HS109,
				 "office zip has two entries named '%s': the first was read",
				 name);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (!parts[i].found &&
			    !name_casecmp(parts[i].name, name)) {
				p = &parts[i];
				break;
			}
		}
		if (!p)
			continue;
		p->found = true;
		if (archive_entry_is_encrypted(e)) {
			p->encrypted = true;
			doc_set_status(d, DOC_ENCRYPTED,
				       "part '%s' is encrypted", p->name);
			doc_note(d, HS204, "office zip part '%s' is encrypted",
				 p->name);
			continue;
		}
		if (read_entry(d, a, p) != HS_OK) {
			ret = HS_FAILED;
			goto cleanup;
		}
		if (p->over)
			ret = HS_LIMIT;
	}

cleanup:
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	archive_read_free(a);
	return ret;
}

void zip_parts_release(struct zip_part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hs_buf_release(&parts[i].data);
}

/* ===================================================== XML reader ==== */

static void xmlp_error(void *arg, xmlErrorPtr err)
{
	struct xmlp *x = arg;
	size_t n;

	if (x->err[0] || !err || !err->message)
		return;
	n = strlen(err->message);
	if (n >= sizeof(x->err))
		n = sizeof(x->err) - 1;
	memcpy(x->err, err->message, n);
	/* libxml2 messages end in a newline. */
	while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
		n--;
	x->err[n] = '\0';
}

static void xmlp_refuse(struct xmlp *x)
{
	x->failed = true;
	if (x->optional)
		return;
	doc_set_status(x->d, DOC_UNREADABLE, "DOCTYPE refused in %s",
		       x->part);
	doc_note(x->d, HS201,
		 "DOCTYPE refused in '%s' (office XML must not declare a DTD)",
		 x->part);
}

/* First occurrence of pat in s[0..len), NULL if none (memmem is not C11). */
static const char *find_bytes(const char *s, size_t len, const char *pat,
			      size_t n)
{
	for (size_t i = 0; n && len >= n && i <= len - n; i++)
		if (s[i] == pat[0] && !memcmp(s + i, pat, n))
			return s + i;
	return NULL;
}

/*
 * True if the prolog (before the root element) holds a DOCTYPE. Checked on
 * the bytes so that libxml2 never even parses an internal subset.
 */
static bool prolog_has_doctype(const char *s, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\n') {
			i++;
		} else if (len - i >= 2 && !memcmp(s + i, "<?", 2)) {
			const char *end = find_bytes(s + i, len - i, "?>", 2);

			if (!end)
				return false;
			i = (size_t)(end - s) + 2;
		} else if (len - i >= 4 && !memcmp(s + i, "<!--", 4)) {
			const char *end = find_bytes(s + i, len - i, "-->", 3);

			if (!end)
				return false;
			i = (size_t)(end - s) + 3;
		} else {
			return len - i >= 9 && !memcmp(s + i, "<!DOCTYPE", 9);
		}
	}
	return false;
}

bool xmlp_open(struct xmlp *x, struct doc *d, const struct zip_part *p,
	       bool optional)
{
	memset(x, 0, sizeof(*x));
	x->d = d;
	x->optional = optional;
	x->part = p->name;
	x->truncated = p->over;
	if (p->data.len > INT_MAX) {
		doc_set_status(d, DOC_LIMIT_EXCEEDED,
			       "part '%s' larger than 2 GiB", p->name);
		doc_note(d, HS106, "office part '%s' larger than 2 GiB",
			 p->name);
		x->failed = true;
		return false;
	}
	if (prolog_has_doctype(p->data.ptr, p->data.len)) {
		xmlp_refuse(x);
		return false;
	}
	/* Never NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE. */
	x->r = xmlReaderForMemory(p->data.ptr, (int)p->data.len, NULL, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR |
				  XML_PARSE_NOWARNING);
	if (!x->r) {
		x->failed = true;
		if (optional)
			return false;
		doc_set_status(d, DOC_UNREADABLE, "cannot parse %s", p->name);
		doc_note(d, HS201, "cannot parse office part '%s'", p->name);
		return false;
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, xmlp_error, x);
	return true;
}

int xmlp_next(struct xmlp *x)
{
	int ret, type;

	if (x->failed || !x->r)
		return -1;
	ret = xmlTextReaderRead(x->r);
	if (ret == 1) {
		type = xmlTextReaderNodeType(x->r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE ||
		    type == XML_READER_TYPE_ENTITY_REFERENCE ||
		    type == XML_READER_TYPE_ENTITY) {
			xmlp_refuse(x);
			return -1;
		}
		return 1;
	}
	if (ret == 0)
		return 0;
	/* A part cut at part_max ends in a parse error by construction. */
	if (x->truncated)
		return 0;
	x->failed = true;
	if (x->optional)
		return -1;
	doc_set_status(x->d, DOC_UNREADABLE, "XML error in %s: %s", x->part,
		       x->err[0] ? x->err : "parser failure");
	doc_note(x->d, HS201, "XML error in office part '%s': %s", x->part,
		 x->err[0] ? x->err : "parser failure");
	return -1;
}

void xmlp_close(struct xmlp *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	x->r = NULL;
}

const char *xmlp_local(const struct xmlp *x)
{
	const xmlChar *s = xmlTextReaderConstLocalName(x->r);

	return s ? (const char *)s : "";
}

const char *xmlp_ns(const struct xmlp *x)
{
	const xmlChar *s = xmlTextReaderConstNamespaceUri(x->r);

	return s ? (const char *)s : "";
}

char *xmlp_attr(const struct xmlp *x, const char *local, const char *ns,
		const char *ns2)
{
	xmlChar *v;
	char *s;

	if (ns)
		v = xmlTextReaderGetAttributeNs(x->r, (const xmlChar *)local,
						(const xmlChar *)ns);
	else
		v = xmlTextReaderGetAttribute(x->r, (const xmlChar *)local);
	if (!v && ns && ns2)
		v = xmlTextReaderGetAttributeNs(x->r, (const xmlChar *)local,
						(const xmlChar *)ns2);
	if (!v)
		return NULL;
	s = hs_strdup((const char *)v);
	xmlFree(v);
	return s;
}

bool zip_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	bool any = false;

	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned dgt = (unsigned)(*s - '0');

		if (dgt > max || v > (max - dgt) / 10)
			return false;
		v = v * 10 + dgt;
		any = true;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (!any || *s)
		return false;
	*out = v;
	return true;
}

bool xmlp_is_text(int type)
{
	return type == XML_READER_TYPE_TEXT ||
	       type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE ||
	       type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}
