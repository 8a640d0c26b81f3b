/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html.c: text and tables of an HTML page (libxml2's HTML parser, no
 * network, no huge mode). Block elements end a line; script and style are
 * skipped; each <table> becomes a doc table.
 */
#include "extract.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

static bool is_block(const char *n)
{
	static const char *const blocks[] = {
		"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5",
		"h6", "table", "section", "article", "header", "footer",
		"title", "ul", "ol", "blockquote", "pre", "hr", "dd", "dt",
	};
	for (size_t i = 0; i < ARRAY_SIZE(blocks); i++)
		if (!strcasecmp(n, blocks[i]))
			return true;
	return false;
}

static void add_node_text(struct doc *d, xmlNode *n, struct hs_buf *cell,
			  int depth);

static void add_cell_text(struct doc *d, xmlNode *n, struct hs_buf *b,
			  int depth)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				hs_buf_adds(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && depth < 200) {
			if (!strcasecmp((const char *)c->name, "br"))
				hs_buf_addch(b, ' ');
			add_cell_text(d, c, b, depth + 1);
		}
	}
}

/* Collapses white space runs to one space and trims. */
static void squeeze(struct hs_buf *b)
{
	size_t w = 0;
	bool space = true;

	for (size_t r = 0; r < b->len; r++) {
		char ch = b->ptr[r];

		if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
			if (!space)
				b->ptr[w++] = ' ';
			space = true;
		} else {
			b->ptr[w++] = ch;
			space = false;
		}
	}
	if (w && b->ptr[w - 1] == ' ')
		w--;
	b->len = w;
	if (b->cap)
		b->ptr[w] = '\0';
}

static void add_table(struct doc *d, xmlNode *table, int depth)
{
	char name[32];
	uint32_t row = 0;
	struct hs_buf cell;

	snprintf(name, sizeof(name), "Bảng %zu", d->ntables + 1);
	doc_table_new(d, name, 0);
	hs_buf_init(&cell, 1u << 20);
	/* Rows may sit under thead/tbody/tfoot: walk two levels. */
	for (xmlNode *a = table->children; a; a = a->next) {
		xmlNode *rows = a, *stop = a->next;

		if (a->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)a->name, "tr")) {
			rows = a->children;
			stop = NULL;
		}
		for (xmlNode *tr = rows; tr != stop; tr = tr->next) {
			uint32_t col = 0;

			if (tr->type != XML_ELEMENT_NODE ||
			    strcasecmp((const char *)tr->name, "tr"))
				continue;
			doc_row_new(d, ++row);
			for (xmlNode *td = tr->children; td; td = td->next) {
				if (td->type != XML_ELEMENT_NODE ||
				    (strcasecmp((const char *)td->name, "td") &&
				     strcasecmp((const char *)td->name, "th")))
					continue;
				hs_buf_reset(&cell);
				add_cell_text(d, td, &cell, depth + 1);
				squeeze(&cell);
				if (col)
					doc_add_text(d, "\t", 1);
				doc_add_text(d, cell.ptr, cell.len);
				if (doc_cell_add(d, col, cell.ptr, cell.len,
						 false, 0) == HS_LIMIT)
					goto done;
				col++;
			}
			doc_add_text(d, "\n", 1);
		}
	}
done:
	hs_buf_release(&cell);
}

static void add_node_text(struct doc *d, xmlNode *n, struct hs_buf *line,
			  int depth)
{
	for (xmlNode *c = n->children; c && !d->text.over; c = c->next) {
		const char *name = (const char *)c->name;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				hs_buf_adds(line, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || depth > 200)
			continue;
		if (!strcasecmp(name, "script") || !strcasecmp(name, "style") ||
		    !strcasecmp(name, "noscript"))
			continue;
		if (is_block(name) && line->len) {
			squeeze(line);
			if (line->len) {
				doc_add_text(d, line->ptr, line->len);
				doc_add_text(d, "\n", 1);
			}
			hs_buf_reset(line);
		}
		if (!strcasecmp(name, "table")) {
			add_table(d, c, depth);
			continue;
		}
		add_node_text(d, c, line, depth + 1);
		if (is_block(name) && line->len) {
			squeeze(line);
			if (line->len) {
				doc_add_text(d, line->ptr, line->len);
				doc_add_text(d, "\n", 1);
			}
			hs_buf_reset(line);
		}
	}
}

void extract_html(struct doc *d, const unsigned char *data, size_t len)
{
	htmlDocPtr h;
	struct hs_buf line;
	xmlNode *root;

	if (len > INT_MAX) {
		doc_set_status(d, DOC_LIMIT_EXCEEDED, "HTML larger than 2 GiB");
		return;
	}
	h = htmlReadMemory((const char *)data, (int)len, NULL, NULL,
			   HTML_PARSE_NONET | HTML_PARSE_NOERROR |
				   HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	if (!h) {
		doc_set_status(d, DOC_UNREADABLE, "HTML could not be parsed");
		doc_note(d, HS201, "HTML could not be parsed");
		return;
	}
	root = xmlDocGetRootElement(h);
	hs_buf_init(&line, d->limits.text_max);
	if (root) {
		xmlNode fake = {0};

		fake.children = root;
		add_node_text(d, &fake, &line, 0);
		squeeze(&line);
		if (line.len) {
			doc_add_text(d, line.ptr, line.len);
			doc_add_text(d, "\n", 1);
		}
	}
	doc_set_encoding(d, DOC_ENC_UTF8);
	hs_buf_release(&line);
	xmlFreeDoc(h);
}
