/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_jsonschema.c: the JSON Schema validator the tests rely on, keyword
 * by keyword (a good instance passes, a bad one fails at the expected path
 * and keyword), then the three schemas it holds output to: the verdict
 * (schemas/verdict.schema.json), the rubric (schemas/rubric.schema.json,
 * on the examples of docs/rubrics.md) and SARIF 2.1.0.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "report/jsonschema.h"
#include "suites.h"
#include "testutil.h"

Suite *jsonschema_suite(void);

#define ERRLEN 1024

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static cJSON *parse(const char *json, int line)
{
	cJSON *j = cJSON_Parse(json);

	ck_assert_msg(j != NULL, "line %d: test JSON does not parse: %.60s",
		      line, json);
	return j;
}

static cJSON *load(const char *dir, const char *name)
{
	char path[4096];
	unsigned char *text;
	size_t len;
	cJSON *j;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	text = tu_read_file(path, &len);
	ck_assert_msg(text != NULL, "cannot read %s", path);
	j = cJSON_ParseWithLength((const char *)text, len);
	ck_assert_msg(j != NULL, "%s is not JSON", path);
	free(text);
	return j;
}

/*
 * Checks err after a failed validation: the fault is at path (the message
 * starts "path: ") and names keyword kw ("[.../kw]"), or, with kw NULL,
 * contains the text what.
 */
static void check_fault(const char *err, const char *path, const char *kw,
			const char *what, int line)
{
	char want[256];

	snprintf(want, sizeof(want), "%s: ", path);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0,
		      "line %d: fault at %s expected, got: %s", line, path,
		      err);
	if (kw) {
		snprintf(want, sizeof(want), "/%s]", kw);
		ck_assert_msg(strstr(err, want) != NULL,
			      "line %d: keyword %s expected, got: %s", line, kw,
			      err);
	}
	if (what)
		ck_assert_msg(strstr(err, what) != NULL,
			      "line %d: \"%s\" expected, got: %s", line, what,
			      err);
}

static bool run(const char *schema, const char *inst, char *err, int line)
{
	cJSON *s = parse(schema, line);
	cJSON *v = parse(inst, line);
	bool ok = jsonschema_validate(s, v, err, ERRLEN);

	cJSON_Delete(s);
	cJSON_Delete(v);
	return ok;
}

static void accepts_at(const char *schema, const char *inst, int line)
{
	char err[ERRLEN];

	ck_assert_msg(run(schema, inst, err, line),
		      "line %d: %s rejected by %s: %s", line, inst, schema,
		      err);
}

static void rejects_at(const char *schema, const char *inst, const char *path,
		       const char *kw, const char *what, int line)
{
	char err[ERRLEN];

	ck_assert_msg(!run(schema, inst, err, line),
		      "line %d: %s accepted by %s", line, inst, schema);
	check_fault(err, path, kw, what, line);
}

/* Validates a tree against a tree; the same checks as above. */
static void tree_accepts_at(const cJSON *schema, const cJSON *v, int line)
{
	char err[ERRLEN];

	ck_assert_msg(jsonschema_validate(schema, v, err, sizeof(err)),
		      "line %d: rejected: %s", line, err);
}

static void tree_rejects_at(const cJSON *schema, const cJSON *v,
			    const char *path, const char *kw, const char *what,
			    int line)
{
	char err[ERRLEN];

	ck_assert_msg(!jsonschema_validate(schema, v, err, sizeof(err)),
		      "line %d: accepted", line);
	check_fault(err, path, kw, what, line);
}

#define ACCEPTS(s, i) accepts_at(s, i, __LINE__)
#define REJECTS(s, i, path, kw) rejects_at(s, i, path, kw, NULL, __LINE__)
#define REJECTS_WITH(s, i, path, what)                                         \
	rejects_at(s, i, path, NULL, what, __LINE__)
#define TREE_ACCEPTS(s, v) tree_accepts_at(s, v, __LINE__)
#define TREE_REJECTS(s, v, path, kw, what)                                     \
	tree_rejects_at(s, v, path, kw, what, __LINE__)

/* cJSON_GetObjectItemCaseSensitive that fails the test when absent. */
static cJSON *get(cJSON *obj, const char *key)
{
	cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);

	ck_assert_msg(m != NULL, "test data lacks \"%s\"", key);
	return m;
}

static cJSON *at(cJSON *arr, int i)
{
	cJSON *m = cJSON_GetArrayItem(arr, i);

	ck_assert_msg(m != NULL, "test data lacks item %d", i);
	return m;
}

static void set(cJSON *obj, const char *key, cJSON *val)
{
	ck_assert(cJSON_ReplaceItemInObjectCaseSensitive(obj, key, val));
}

/* ------------------------------------------------------------------ */
/* Keywords                                                            */
/* ------------------------------------------------------------------ */

START_TEST(kw_type)
{
	char err[ERRLEN];

	ACCEPTS("{\"type\":\"string\"}", "\"x\"");
	REJECTS("{\"type\":\"string\"}", "1", "$", "type");
	ACCEPTS("{\"type\":\"integer\"}", "3");
	ACCEPTS("{\"type\":\"integer\"}", "3.0");
	ACCEPTS("{\"type\":\"integer\"}", "-12");
	REJECTS("{\"type\":\"integer\"}", "3.5", "$", "type");
	REJECTS("{\"type\":\"integer\"}", "\"3\"", "$", "type");
	ACCEPTS("{\"type\":\"number\"}", "3.5");
	ACCEPTS("{\"type\":\"number\"}", "3");
	ACCEPTS("{\"type\":\"boolean\"}", "false");
	REJECTS("{\"type\":\"boolean\"}", "0", "$", "type");
	ACCEPTS("{\"type\":\"null\"}", "null");
	ACCEPTS("{\"type\":\"object\"}", "{}");
	REJECTS("{\"type\":\"object\"}", "[]", "$", "type");
	ACCEPTS("{\"type\":\"array\"}", "[]");
	REJECTS("{\"type\":\"array\"}", "{}", "$", "type");
	ACCEPTS("{\"type\":[\"string\",\"null\"]}", "null");
	ACCEPTS("{\"type\":[\"string\",\"null\"]}", "\"a\"");
	REJECTS("{\"type\":[\"string\",\"null\"]}", "false", "$", "type");
	ck_assert(
	    !run("{\"type\":[\"string\",\"null\"]}", "false", err, __LINE__));
	ck_assert_str_eq(err, "$: false is not of type string or null "
			      "[#/type]");
	REJECTS_WITH("{\"type\":\"text\"}", "1", "$", "schema error");
}
END_TEST

START_TEST(kw_properties_required)
{
	const char *nested = "{\"properties\":{\"a\":{\"properties\":"
			     "{\"b\":{\"type\":\"integer\"}}}}}";
	const char *req = "{\"required\":[\"a\",\"b\"]}";
	char err[ERRLEN];

	ACCEPTS(nested, "{\"a\":{\"b\":1},\"c\":\"free\"}");
	ACCEPTS(nested, "{}");
	ACCEPTS(nested, "[1]"); /* properties apply to objects only */
	REJECTS(nested, "{\"a\":{\"b\":\"x\"}}", "$.a.b", "type");
	ck_assert(!run(nested, "{\"a\":{\"b\":\"x\"}}", err, __LINE__));
	ck_assert_str_eq(err, "$.a.b: \"x\" is not of type integer "
			      "[#/properties/a/properties/b/type]");
	REJECTS("{\"properties\":{\"x-y\":{\"type\":\"integer\"}}}",
		"{\"x-y\":\"s\"}", "$[\"x-y\"]", "type");
	ACCEPTS(req, "{\"a\":1,\"b\":null}");
	REJECTS(req, "{\"a\":1}", "$", "required");
	REJECTS_WITH(req, "{\"a\":1}", "$", "missing required property \"b\"");
	ACCEPTS(req, "\"not an object\"");
}
END_TEST

START_TEST(kw_additional_pattern_properties)
{
	const char *closed = "{\"properties\":{\"a\":{}},"
			     "\"additionalProperties\":false}";
	const char *typed = "{\"properties\":{\"a\":{}},"
			    "\"additionalProperties\":{\"type\":\"integer\"}}";
	const char *pat = "{\"patternProperties\":{\"^x-\":"
			  "{\"type\":\"string\"}},"
			  "\"additionalProperties\":false}";

	ACCEPTS(closed, "{\"a\":\"anything\"}");
	REJECTS(closed, "{\"a\":1,\"b\":2}", "$.b", "additionalProperties");
	ACCEPTS(typed, "{\"a\":\"s\",\"n\":3}");
	REJECTS(typed, "{\"a\":\"s\",\"n\":\"3\"}", "$.n",
		"additionalProperties/type");
	ACCEPTS(pat, "{\"x-a\":\"s\",\"x-b\":\"t\"}");
	REJECTS(pat, "{\"x-a\":1}", "$[\"x-a\"]", "type");
	REJECTS(pat, "{\"y\":\"s\"}", "$.y", "additionalProperties");
	/* Unanchored like ECMA-262: "b" matches "abc". */
	ACCEPTS("{\"patternProperties\":{\"b\":{\"type\":\"null\"}}}",
		"{\"abc\":null,\"x\":1}");
	REJECTS("{\"patternProperties\":{\"b\":{\"type\":\"null\"}}}",
		"{\"abc\":1}", "$.abc", "type");
}
END_TEST

START_TEST(kw_items)
{
	const char *list = "{\"items\":{\"type\":\"integer\"}}";
	const char *tuple =
	    "{\"items\":[{\"type\":\"string\"},"
	    "{\"type\":\"integer\"}],\"additionalItems\":false}";
	const char *tuple_more = "{\"items\":[{\"type\":\"string\"}],"
				 "\"additionalItems\":{\"type\":\"null\"}}";

	ACCEPTS(list, "[]");
	ACCEPTS(list, "[1,2,3]");
	REJECTS(list, "[1,2,\"x\"]", "$[2]", "items/type");
	ACCEPTS(tuple, "[\"a\",1]");
	ACCEPTS(tuple, "[\"a\"]");
	REJECTS(tuple, "[\"a\",\"b\"]", "$[1]", "items/1/type");
	REJECTS(tuple, "[\"a\",1,2]", "$[2]", "additionalItems");
	ACCEPTS(tuple_more, "[\"a\",null,null]");
	REJECTS(tuple_more, "[\"a\",null,0]", "$[2]", "additionalItems/type");
	REJECTS("{\"properties\":{\"l\":{\"items\":{\"properties\":"
		"{\"s\":{\"enum\":[\"ok\"]}}}}}}",
		"{\"l\":[{\"s\":\"ok\"},{\"s\":\"no\"}]}", "$.l[1].s", "enum");
}
END_TEST

START_TEST(kw_array_counts)
{
	ACCEPTS("{\"minItems\":1}", "[0]");
	REJECTS("{\"minItems\":1}", "[]", "$", "minItems");
	ACCEPTS("{\"maxItems\":2}", "[0,1]");
	REJECTS("{\"maxItems\":2}", "[0,1,2]", "$", "maxItems");
	ACCEPTS("{\"uniqueItems\":true}", "[1,\"1\",[1],{\"a\":1}]");
	REJECTS("{\"uniqueItems\":true}", "[1,2,1]", "$", "uniqueItems");
	REJECTS("{\"uniqueItems\":true}",
		"[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1.0}]", "$", "uniqueItems");
	ACCEPTS("{\"uniqueItems\":false}", "[1,1]");
	ACCEPTS("{\"contains\":{\"const\":2}}", "[1,2,3]");
	REJECTS("{\"contains\":{\"const\":2}}", "[1,3]", "$", "contains");
}
END_TEST

START_TEST(kw_enum_const)
{
	const char *st = "{\"properties\":{\"status\":"
			 "{\"enum\":[\"met\",\"not_met\"]}}}";
	char err[ERRLEN];

	ACCEPTS(st, "{\"status\":\"met\"}");
	ck_assert(!run(st, "{\"status\":\"passed\"}", err, __LINE__));
	ck_assert_str_eq(err, "$.status: \"passed\" is not one of enum "
			      "[\"met\",\"not_met\"] "
			      "[#/properties/status/enum]");
	ACCEPTS("{\"enum\":[1,null,{\"a\":[1]}]}", "{\"a\":[1.0]}");
	ACCEPTS("{\"enum\":[1,null]}", "null");
	REJECTS("{\"enum\":[1,null]}", "false", "$", "enum");
	REJECTS("{\"enum\":[1]}", "\"1\"", "$", "enum");
	ACCEPTS("{\"const\":true}", "true");
	REJECTS("{\"const\":true}", "1", "$", "const");
	ACCEPTS("{\"const\":\"hoso-verdict/1\"}", "\"hoso-verdict/1\"");
	REJECTS("{\"const\":\"hoso-verdict/1\"}", "\"hoso-verdict/2\"", "$",
		"const");
}
END_TEST

START_TEST(kw_numbers)
{
	ACCEPTS("{\"minimum\":0,\"maximum\":1}", "0");
	ACCEPTS("{\"minimum\":0,\"maximum\":1}", "1");
	REJECTS("{\"minimum\":0,\"maximum\":1}", "-0.5", "$", "minimum");
	REJECTS("{\"minimum\":0,\"maximum\":1}", "1.5", "$", "maximum");
	ACCEPTS("{\"minimum\":0}", "\"not a number\"");
	/* draft-06+: a number of its own. */
	ACCEPTS("{\"exclusiveMinimum\":0}", "0.1");
	REJECTS("{\"exclusiveMinimum\":0}", "0", "$", "exclusiveMinimum");
	ACCEPTS("{\"exclusiveMaximum\":10}", "9.99");
	REJECTS("{\"exclusiveMaximum\":10}", "10", "$", "exclusiveMaximum");
	/* draft-04 (SARIF): a boolean beside minimum/maximum. */
	ACCEPTS("{\"minimum\":0,\"exclusiveMinimum\":true}", "1");
	REJECTS("{\"minimum\":0,\"exclusiveMinimum\":true}", "0", "$",
		"minimum");
	ACCEPTS("{\"minimum\":0,\"exclusiveMinimum\":false}", "0");
	REJECTS("{\"maximum\":5,\"exclusiveMaximum\":true}", "5", "$",
		"maximum");
	ACCEPTS("{\"multipleOf\":0.1}", "0.3");
	ACCEPTS("{\"multipleOf\":5}", "-15");
	REJECTS("{\"multipleOf\":5}", "7", "$", "multipleOf");
}
END_TEST

START_TEST(kw_strings)
{
	/* Lengths count code points: "Đạt" is 3 characters in 5 bytes. */
	ACCEPTS("{\"maxLength\":3}", "\"Đạt\"");
	REJECTS("{\"maxLength\":3}", "\"Đạt!\"", "$", "maxLength");
	ACCEPTS("{\"minLength\":1}", "\"đ\"");
	REJECTS("{\"minLength\":2}", "\"đ\"", "$", "minLength");
	REJECTS("{\"minLength\":1}", "\"\"", "$", "minLength");
	ACCEPTS("{\"pattern\":\"^HS[0-9]{3}$\"}", "\"HS301\"");
	REJECTS("{\"pattern\":\"^HS[0-9]{3}$\"}", "\"HS31\"", "$", "pattern");
	/* `$` is the very end, as in ECMA-262, not before a final newline. */
	REJECTS("{\"pattern\":\"^HS[0-9]{3}$\"}", "\"HS301\\n\"", "$",
		"pattern");
	ACCEPTS("{\"pattern\":\"b\"}", "\"abc\"");
	ACCEPTS("{\"pattern\":\"^.{3}$\"}", "\"Đạt\"");
	ACCEPTS("{\"pattern\":\"^\\\\u0110\"}", "\"Đạt\"");
	ACCEPTS("{\"pattern\":\"^x\"}", "12");
	REJECTS_WITH("{\"pattern\":\"(\"}", "\"x\"", "$", "schema error");
}
END_TEST

START_TEST(kw_format)
{
	const char *dt = "{\"format\":\"date-time\"}";
	const char *uri = "{\"format\":\"uri\"}";
	const char *ref = "{\"format\":\"uri-reference\"}";

	ACCEPTS(dt, "\"2024-02-12T08:30:00Z\"");
	ACCEPTS(dt, "\"2024-02-12T08:30:00.250+07:00\"");
	REJECTS(dt, "\"2024-02-12 08:30:00Z\"", "$", "format");
	REJECTS(dt, "\"2024-13-01T00:00:00Z\"", "$", "format");
	REJECTS(dt, "\"2024-02-12T08:30:00\"", "$", "format");
	ACCEPTS("{\"format\":\"date\"}", "\"2023-12-27\"");
	REJECTS("{\"format\":\"date\"}", "\"27/12/2023\"", "$", "format");
	ACCEPTS(uri, "\"https://json.schemastore.org/sarif-2.1.0.json\"");
	ACCEPTS(uri, "\"file:///tmp/h%C3%B4%20so.zip\"");
	REJECTS(uri, "\"a.pdf\"", "$", "format");
	REJECTS(uri, "\"http://x/a b\"", "$", "format");
	ACCEPTS(ref, "\"Tieu%20chi%201/KH-01.pdf\"");
	REJECTS(ref, "\"Tieu chi 1/KH-01.pdf\"", "$", "format");
	/* Formats it does not know are annotations. */
	ACCEPTS("{\"format\":\"ipv4\"}", "\"not an address\"");
	ACCEPTS(dt, "42");
}
END_TEST

START_TEST(kw_ref)
{
	const char *tree =
	    "{\"type\":\"object\",\"properties\":{"
	    "\"n\":{\"type\":\"integer\"},"
	    "\"kids\":{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}}}";
	const char *defs =
	    "{\"definitions\":{\"i\":{\"type\":\"integer\"}},"
	    "\"$defs\":{\"s\":{\"type\":\"string\"}},"
	    "\"properties\":{\"a\":{\"$ref\":\"#/definitions/i\"},"
	    "\"b\":{\"$ref\":\"#/$defs/s\"}}}";
	const char *esc = "{\"definitions\":{\"a/b\":{\"type\":\"integer\"},"
			  "\"c~d\":{\"type\":\"string\"},"
			  "\"e f\":{\"type\":\"null\"}},"
			  "\"allOf\":[{\"type\":\"object\"}],"
			  "\"properties\":{"
			  "\"x\":{\"$ref\":\"#/definitions/a~1b\"},"
			  "\"y\":{\"$ref\":\"#/definitions/c~0d\"},"
			  "\"z\":{\"$ref\":\"#/definitions/e%20f\"},"
			  "\"w\":{\"$ref\":\"#/allOf/0\"}}}";
	char err[ERRLEN];

	ACCEPTS(tree, "{\"n\":1,\"kids\":[{\"kids\":[{\"n\":2}]}]}");
	ck_assert(!run(tree, "{\"kids\":[{\"kids\":[{\"n\":\"x\"}]}]}", err,
		       __LINE__));
	/* The schema pointer restarts at the reference that was followed. */
	ck_assert_str_eq(err, "$.kids[0].kids[0].n: \"x\" is not of type "
			      "integer [#/properties/n/type]");
	ACCEPTS(defs, "{\"a\":1,\"b\":\"s\"}");
	REJECTS(defs, "{\"a\":\"1\"}", "$.a", "definitions/i/type");
	REJECTS(defs, "{\"b\":1}", "$.b", "$defs/s/type");
	ACCEPTS(esc, "{\"x\":1,\"y\":\"s\",\"z\":null,\"w\":{}}");
	REJECTS(esc, "{\"x\":\"1\"}", "$.x", "a~1b/type");
	REJECTS(esc, "{\"y\":1}", "$.y", "c~0d/type");
	REJECTS(esc, "{\"z\":1}", "$.z", "e%20f/type");
	REJECTS(esc, "{\"w\":1}", "$.w", "allOf/0/type");
	/* Beside $ref every keyword is ignored (draft-04 to 07). */
	ACCEPTS("{\"definitions\":{\"s\":{\"type\":\"string\"}},"
		"\"properties\":{\"a\":{\"$ref\":\"#/definitions/s\","
		"\"maxLength\":1}}}",
		"{\"a\":\"long\"}");
	/* The schema's own $id may spell the reference out. */
	ACCEPTS(
	    "{\"$id\":\"https://h.example/s.json\","
	    "\"definitions\":{\"i\":{\"type\":\"integer\"}},"
	    "\"items\":{\"$ref\":\"https://h.example/s.json#/definitions/i\"}}",
	    "[1,2]");
	ACCEPTS("{\"id\":\"urn:x#\",\"type\":\"array\","
		"\"items\":{\"$ref\":\"urn:x\"}}",
		"[[],[[]]]");
	/* Broken references are schema errors, even where not needed. */
	REJECTS_WITH("{\"properties\":{\"a\":{\"$ref\":\"#/definitions/no\"}}}",
		     "{\"a\":1}", "$.a", "schema error");
	REJECTS_WITH("{\"$ref\":\"other.json#/x\"}", "1", "$", "schema error");
	REJECTS_WITH("{\"anyOf\":[{\"$ref\":\"#/nowhere\"},true]}", "1", "$",
		     "schema error");
}
END_TEST

/* n nested arrays: [[[...]]] */
static char *nested_arrays(int n)
{
	char *s = malloc((size_t)n * 2 + 1);

	ck_assert_ptr_nonnull(s);
	memset(s, '[', (size_t)n);
	memset(s + n, ']', (size_t)n);
	s[2 * n] = '\0';
	return s;
}

START_TEST(kw_depth)
{
	const char *rec = "{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}";
	char *shallow = nested_arrays(50);
	char *deep = nested_arrays(JSONSCHEMA_MAX_DEPTH + 10);
	char err[ERRLEN];

	/* A reference cycle that consumes nothing ends at the bound. */
	REJECTS_WITH("{\"$ref\":\"#\"}", "1", "$", "too deep");
	REJECTS_WITH("{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},"
		     "\"b\":{\"$ref\":\"#/definitions/a\"}},"
		     "\"$ref\":\"#/definitions/a\"}",
		     "1", "$", "too deep");
	ACCEPTS(rec, shallow);
	/* Two schemas per level (the items and the $ref): the bound is hit
	 * about half way down, and reported there. */
	ck_assert(!run(rec, deep, err, __LINE__));
	ck_assert_msg(strncmp(err, "$[0][0][0]", 10) == 0 &&
			  strstr(err, ": too deep: more than"),
		      "%s", err);
	free(shallow);
	free(deep);
}
END_TEST

START_TEST(kw_combinators)
{
	const char *all =
	    "{\"allOf\":[{\"type\":\"integer\"},{\"minimum\":2}]}";
	const char *any = "{\"anyOf\":[{\"type\":\"string\"},"
			  "{\"type\":\"object\",\"properties\":"
			  "{\"a\":{\"type\":\"integer\"}}}]}";
	const char *one = "{\"oneOf\":[{\"type\":\"integer\"},"
			  "{\"minimum\":0}]}";
	const char *not = "{\"not\":{\"type\":\"null\"}}";
	char err[ERRLEN];

	ACCEPTS(all, "3");
	REJECTS(all, "1", "$", "allOf/1/minimum");
	REJECTS(all, "2.5", "$", "allOf/0/type");
	ACCEPTS(any, "\"s\"");
	ACCEPTS(any, "{\"a\":1}");
	REJECTS(any, "{\"a\":\"x\"}", "$", "anyOf");
	/* The branch that got deepest into the instance is quoted. */
	ck_assert(!run(any, "{\"a\":\"x\"}", err, __LINE__));
	ck_assert_msg(strstr(err, "closest: $.a: \"x\" is not of type integer"),
		      "%s", err);
	ACCEPTS(one, "-1");  /* integer only */
	ACCEPTS(one, "0.5"); /* minimum only */
	REJECTS(one, "-0.5", "$", "oneOf");
	REJECTS_WITH(one, "3", "$", "matches schemas 0 and 1 of oneOf");
	ACCEPTS(not, "0");
	REJECTS(not, "null", "$", "not");
	/* A broken branch is not hidden by one that matches. */
	REJECTS_WITH("{\"anyOf\":[{\"type\":\"string\"},{\"pattern\":\"(\"}]}",
		     "1", "$", "schema error");
	REJECTS_WITH("{\"oneOf\":[{\"pattern\":\"[\"},{\"type\":\"string\"}]}",
		     "\"x\"", "$", "schema error");
}
END_TEST

START_TEST(kw_objects_misc)
{
	const char *deps = "{\"dependencies\":{\"sheet\":[\"cell\"],"
			   "\"page\":{\"properties\":{\"line\":false}}}}";
	const char *cond = "{\"if\":{\"properties\":{\"kind\":"
			   "{\"const\":\"points\"}}},"
			   "\"then\":{\"required\":[\"points_max\"]},"
			   "\"else\":{\"required\":[\"levels\"]}}";

	ACCEPTS(deps, "{\"sheet\":\"A\",\"cell\":\"B2\"}");
	ACCEPTS(deps, "{\"cell\":\"B2\"}");
	REJECTS(deps, "{\"sheet\":\"A\"}", "$", "dependencies");
	ACCEPTS(deps, "{\"page\":1}");
	REJECTS(deps, "{\"page\":1,\"line\":2}", "$.line", "line");
	ACCEPTS(cond, "{\"kind\":\"points\",\"points_max\":100}");
	ACCEPTS(cond, "{\"kind\":\"levels\",\"levels\":[]}");
	REJECTS(cond, "{\"kind\":\"points\"}", "$", "then/required");
	REJECTS(cond, "{\"kind\":\"levels\"}", "$", "else/required");
	ACCEPTS("{\"minProperties\":1,\"maxProperties\":2}", "{\"a\":1}");
	REJECTS("{\"minProperties\":1}", "{}", "$", "minProperties");
	REJECTS("{\"maxProperties\":1}", "{\"a\":1,\"b\":2}", "$",
		"maxProperties");
	ACCEPTS("{\"propertyNames\":{\"pattern\":\"^[1-9]$\"}}",
		"{\"1\":\"a\",\"2\":\"b\"}");
	REJECTS("{\"propertyNames\":{\"pattern\":\"^[1-9]$\"}}",
		"{\"1\":\"a\",\"10\":\"b\"}", "$[\"10\"]", "pattern");
}
END_TEST

START_TEST(boolean_schemas)
{
	ACCEPTS("true", "{\"anything\":[1]}");
	REJECTS("false", "null", "$", NULL);
	ACCEPTS("{\"properties\":{\"a\":true}}", "{\"a\":1}");
	REJECTS("{\"properties\":{\"a\":false}}", "{\"a\":1}", "$.a",
		"properties/a");
	ACCEPTS("{}", "[1,{\"b\":null}]");
	/* Annotations are not assertions. */
	ACCEPTS("{\"title\":\"t\",\"description\":\"d\",\"default\":1,"
		"\"examples\":[2],\"$comment\":\"c\"}",
		"\"x\"");
	REJECTS_WITH("{\"properties\":{\"a\":3}}", "{\"a\":1}", "$.a",
		     "schema error");
}
END_TEST

START_TEST(err_buffer)
{
	cJSON *s = parse("{\"properties\":{\"status\":{\"enum\":[\"met\"]}}}",
			 __LINE__);
	cJSON *v = parse("{\"status\":\"đã đạt\"}", __LINE__);
	cJSON *good = parse("{\"status\":\"met\"}", __LINE__);
	char err[12];

	/* Cut to the buffer, at a character boundary, NUL-terminated. */
	memset(err, 'x', sizeof(err));
	ck_assert(!jsonschema_validate(s, v, err, sizeof(err)));
	ck_assert_uint_lt(strlen(err), sizeof(err));
	ck_assert_str_eq(err, "$.status: \"");
	ck_assert(!jsonschema_validate(s, v, err, 1));
	ck_assert_str_eq(err, "");
	ck_assert(!jsonschema_validate(s, v, NULL, 0));
	ck_assert(!jsonschema_validate(s, v, err, 0));
	ck_assert(jsonschema_validate(s, good, NULL, 0));
	ck_assert(!jsonschema_validate(NULL, v, NULL, 0));
	ck_assert(!jsonschema_validate(s, NULL, err, sizeof(err)));
	/* A success clears err. */
	ck_assert(jsonschema_validate(s, good, err, sizeof(err)));
	ck_assert_str_eq(err, "");
	cJSON_Delete(s);
	cJSON_Delete(v);
	cJSON_Delete(good);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The schemas themselves                                              */
/* ------------------------------------------------------------------ */

/*
 * Every $ref of schema resolves and every pattern compiles: each is
 * validated once on its own, where a broken one is a "schema error".
 */
static void check_schema_sound(const cJSON *root, const cJSON *node,
			       const char *name)
{
	char err[ERRLEN];
	const cJSON *m;

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	cJSON_ArrayForEach (m, node) {
		if (m->string && !strcmp(m->string, "$ref") &&
		    cJSON_IsString(m)) {
			cJSON *probe = cJSON_Duplicate(root, true);
			cJSON *null = cJSON_CreateNull();

			cJSON_DeleteItemFromObjectCaseSensitive(probe, "$ref");
			cJSON_AddStringToObject(probe, "$ref", m->valuestring);
			jsonschema_validate(probe, null, err, sizeof(err));
			ck_assert_msg(!strstr(err, "schema error"), "%s: %s",
				      name, err);
			cJSON_Delete(probe);
			cJSON_Delete(null);
		}
		if (m->string && !strcmp(m->string, "pattern") &&
		    cJSON_IsString(m)) {
			cJSON *probe = cJSON_CreateObject();
			cJSON *empty = cJSON_CreateString("");

			cJSON_AddStringToObject(probe, "pattern",
						m->valuestring);
			jsonschema_validate(probe, empty, err, sizeof(err));
			ck_assert_msg(!strstr(err, "schema error"), "%s: %s",
				      name, err);
			cJSON_Delete(probe);
			cJSON_Delete(empty);
		}
		if (m->string && !strcmp(m->string, "patternProperties") &&
		    cJSON_IsObject(m)) {
			cJSON *probe = cJSON_CreateObject();
			cJSON *pp =
			    cJSON_AddObjectToObject(probe, "patternProperties");
			cJSON *inst = cJSON_CreateObject();
			const cJSON *p;

			cJSON_ArrayForEach (p, m)
				cJSON_AddTrueToObject(pp, p->string);
			cJSON_AddNullToObject(inst, "k");
			jsonschema_validate(probe, inst, err, sizeof(err));
			ck_assert_msg(!strstr(err, "schema error"), "%s: %s",
				      name, err);
			cJSON_Delete(probe);
			cJSON_Delete(inst);
		}
		check_schema_sound(root, m, name);
	}
}

START_TEST(schemas_sound)
{
	cJSON *verdict = load(HOSO_SCHEMAS, "verdict.schema.json");
	cJSON *rubric = load(HOSO_SCHEMAS, "rubric.schema.json");
	cJSON *sarif = load(HOSO_SHARED_SCHEMAS, "sarif-schema-2.1.0.json");

	check_schema_sound(verdict, verdict, "verdict.schema.json");
	check_schema_sound(rubric, rubric, "rubric.schema.json");
	check_schema_sound(sarif, sarif, "sarif-schema-2.1.0.json");
	cJSON_Delete(verdict);
	cJSON_Delete(rubric);
	cJSON_Delete(sarif);
}
END_TEST

/* A minimal verdict of a levels rubric, as hoso would write it. */
static const char verdict_json[] =
    "{\"schema\":\"hoso-verdict/1\","
    "\"tool\":{\"name\":\"hoso\",\"version\":\"0.1.0\"},"
    "\"input\":{\"path\":\"xa-an-binh-2024.zip\",\"size\":48213,"
    "\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015"
    "a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"format\":\"zip\"},"
    "\"rubric\":{\"id\":\"tt25-2023\",\"version\":\"2026.1\","
    "\"title\":\"Đánh giá, công nhận \\\"Cộng đồng học tập\\\" cấp xã\"},"
    "\"dossier\":{\"commune\":\"an binh\",\"year\":2024,"
    "\"level_claimed\":2,\"difficult_area\":false},"
    "\"result\":{\"level_reached\":1,\"points\":null,\"points_max\":null,"
    "\"classification\":null,\"level_if_confirmed\":2,"
    "\"points_if_confirmed\":null,\"classification_if_confirmed\":null,"
    "\"to_confirm\":[{\"id\":\"1.2\",\"criterion\":\"1\","
    "\"title\":\"Xây dựng chương trình, kế hoạch\","
    "\"why\":\"cần người xem xét: minh chứng «Kế hoạch» chỉ khớp theo tên tệp\","
    "\"levels\":[1,2],\"points\":null,\"points_if_confirmed\":null,"
    "\"points_max\":null,\"if_confirmed\":\"met\",\"needed\":true,"
    "\"doubts\":[{\"kind\":\"name_only\",\"requirement\":\"ke-hoach-xhht\","
    "\"figure\":null,\"title\":\"Kế hoạch\","
    "\"documents\":[\"Tieu chi 1/KH-01.pdf\"],\"documents_total\":1}],"
    "\"documents\":[\"Tieu chi 1/KH-01.pdf\"]}],"
    "\"summary\":\"Đạt mức độ 1 (tạm tính); mức độ 2: chỉ số 1.2 cần "
    "xem xét.\",\"provisional\":true,\"depends_on_unconfirmed\":true},"
    "\"coverage\":{\"documents\":2,\"read\":1,\"pages\":3,"
    "\"pages_with_text\":1},"
    "\"criteria\":[{\"id\":\"1\",\"title\":\"Sự lãnh đạo, chỉ đạo của "
    "cấp ủy Đảng, chính quyền cấp xã\",\"status\":\"needs_review\","
    "\"points\":null,\"points_max\":null,\"indicators\":[{\"id\":\"1.2\","
    "\"title\":\"Xây dựng chương trình, kế hoạch xây dựng xã hội học tập "
    "hằng năm\",\"status\":\"needs_review\",\"points\":null,"
    "\"points_max\":null,\"confirmed\":true,\"evidence\":[{"
    "\"requirement\":\"ke-hoach-xhht\",\"file\":\"Tieu chi 1/KH-01.pdf\","
    "\"confidence\":0.4,\"match\":\"name\","
    "\"reasons\":[\"filename_patterns: ke hoach.*xhht\"]}],"
    "\"figures\":[\"ty_le_cong_dan_hoc_tap\"]}]}],"
    "\"documents\":[{\"path\":\"Tieu chi 1/KH-01.pdf\",\"format\":\"pdf\","
    "\"status\":\"no_text\",\"encoding\":null,\"pages\":2,\"type\":null,"
    "\"number\":null,\"date\":null,\"issuer\":null,\"title\":null,"
    "\"signer\":null,\"indicators\":[\"1.2\"]},"
    "{\"path\":\"To trinh.docx\",\"format\":\"docx\",\"status\":\"ok\","
    "\"encoding\":null,\"pages\":1,\"type\":\"TTr\","
    "\"number\":\"12/TTr-UBND\",\"date\":\"2024-11-05\","
    "\"issuer\":\"uy ban nhan dan xa an binh\","
    "\"title\":\"Tờ trình đề nghị công nhận\","
    "\"signer\":\"Nguyễn Văn An\",\"indicators\":[]}],"
    "\"figures\":[{\"name\":\"ty_le_cong_dan_hoc_tap\",\"value\":64.1,"
    "\"unit\":\"%\",\"file\":\"To trinh.docx\","
    "\"location\":{\"page\":null,\"sheet\":null,\"cell\":null,"
    "\"line\":12}}],"
    "\"findings\":[{\"code\":\"HS202\",\"severity\":\"warning\","
    "\"message\":\"HS202 PDF không có lớp chữ (bản quét)\","
    "\"args\":{\"pages\":2},\"file\":\"Tieu chi 1/KH-01.pdf\","
    "\"criterion\":null,\"indicator\":null,\"location\":null,"
    "\"caused_by\":null},"
    "{\"code\":\"HS302\",\"severity\":\"warning\","
    "\"message\":\"HS302 minh chứng chỉ khớp theo tên tệp\","
    "\"args\":{\"requirement\":\"ke-hoach-xhht\"},"
    "\"file\":\"Tieu chi 1/KH-01.pdf\",\"criterion\":\"1\","
    "\"indicator\":\"1.2\",\"location\":{\"page\":1},\"caused_by\":0}],"
    "\"findings_summary\":{\"error\":0,\"warning\":2,\"info\":0,"
    "\"silenced\":1},"
    "\"dossier_requirements\":[{\"id\":\"to-trinh\","
    "\"title\":\"Tờ trình đề nghị công nhận\",\"state\":\"content\","
    "\"optional\":false,\"documents\":1}],"
    "\"dossier_evidence\":[{\"requirement\":\"to-trinh\","
    "\"file\":\"To trinh.docx\",\"confidence\":0.9,"
    "\"match\":\"content\",\"reasons\":[\"type TTr\"]}],"
    "\"overrides\":[{\"code\":\"HS303\",\"severity\":\"info\","
    "\"source\":\"hoso.toml\"}]}";

START_TEST(verdict_schema)
{
	cJSON *schema = load(HOSO_SCHEMAS, "verdict.schema.json");
	cJSON *v = parse(verdict_json, __LINE__);
	cJSON *ind, *doc;

	TREE_ACCEPTS(schema, v);

	/* Extras are welcome below the top level... */
	doc = at(get(v, "documents"), 0);
	cJSON_AddStringToObject(doc, "reason", "scanned");
	TREE_ACCEPTS(schema, v);
	/* ...not at it. */
	cJSON_AddNumberToObject(v, "verdict_version", 1);
	TREE_REJECTS(schema, v, "$.verdict_version", "additionalProperties",
		     NULL);
	cJSON_DeleteItemFromObjectCaseSensitive(v, "verdict_version");

	ind = at(get(at(get(v, "criteria"), 0), "indicators"), 0);
	set(ind, "status", cJSON_CreateString("passed"));
	TREE_REJECTS(schema, v, "$.criteria[0].indicators[0].status", "enum",
		     "\"passed\" is not one of enum");
	set(ind, "status", cJSON_CreateString("met"));
	TREE_ACCEPTS(schema, v);

	set(at(get(v, "findings"), 1), "code", cJSON_CreateString("HS31"));
	TREE_REJECTS(schema, v, "$.findings[1].code", "pattern", NULL);
	set(at(get(v, "findings"), 1), "code", cJSON_CreateString("HS302"));

	cJSON_DeleteItemFromObjectCaseSensitive(get(v, "input"), "sha256");
	TREE_REJECTS(schema, v, "$.input", "required", "\"sha256\"");
	cJSON_AddNullToObject(get(v, "input"), "sha256");
	TREE_ACCEPTS(schema, v);

	set(doc, "status", cJSON_CreateString("broken"));
	TREE_REJECTS(schema, v, "$.documents[0].status", "enum", NULL);
	set(doc, "status", cJSON_CreateString("encrypted"));

	set(at(get(ind, "evidence"), 0), "confidence", cJSON_CreateNumber(1.5));
	TREE_REJECTS(schema, v,
		     "$.criteria[0].indicators[0].evidence[0]."
		     "confidence",
		     "maximum", NULL);
	set(at(get(ind, "evidence"), 0), "confidence", cJSON_CreateNumber(1));

	/* What confirming would give: consistent with what is pending. */
	{
		cJSON *res = get(v, "result"), *pend = at(get(res, "to_confirm"), 0),
		      *doubt = at(get(pend, "doubts"), 0);

		set(res, "level_if_confirmed", cJSON_CreateNull());
		TREE_REJECTS(schema, v, "$.result.level_if_confirmed", "type", NULL);
		set(res, "level_if_confirmed", cJSON_CreateNumber(2));
		set(res, "points_if_confirmed", cJSON_CreateNumber(90));
		TREE_REJECTS(schema, v, "$.result.points_if_confirmed", "type", NULL);
		set(res, "points_if_confirmed", cJSON_CreateNull());
		set(pend, "if_confirmed", cJSON_CreateString("needs_review"));
		TREE_REJECTS(schema, v, "$.result.to_confirm[0].if_confirmed",
			     "enum", NULL);
		set(pend, "if_confirmed", cJSON_CreateString("not_met"));
		TREE_ACCEPTS(schema, v);
		set(doubt, "kind", cJSON_CreateString("figure_not_found"));
		TREE_REJECTS(schema, v, "$.result.to_confirm[0].doubts[0].requirement",
			     "type", NULL);
		set(doubt, "requirement", cJSON_CreateNull());
		TREE_REJECTS(schema, v, "$.result.to_confirm[0].doubts[0].figure",
			     "type", NULL);
		set(doubt, "figure", cJSON_CreateString("ty_le_cong_dan_hoc_tap"));
		TREE_ACCEPTS(schema, v);
		set(doubt, "kind", cJSON_CreateString("guessed"));
		TREE_REJECTS(schema, v, "$.result.to_confirm[0].doubts[0].kind",
			     "enum", NULL);
		set(doubt, "kind", cJSON_CreateString("figure_not_found"));
		cJSON_DeleteItemFromObjectCaseSensitive(pend, "documents");
		TREE_REJECTS(schema, v, "$.result.to_confirm[0]", "required",
			     "\"documents\"");
		cJSON_AddItemToObject(pend, "documents", cJSON_CreateArray());
		/* nothing pending: nothing to add */
		cJSON_DeleteItemFromArray(get(res, "to_confirm"), 0);
		TREE_REJECTS(schema, v, "$.result.level_if_confirmed", "type", NULL);
		set(res, "level_if_confirmed", cJSON_CreateNull());
		TREE_ACCEPTS(schema, v);
		/* a verdict saved before these fields existed */
		cJSON_DeleteItemFromObjectCaseSensitive(res, "to_confirm");
		TREE_ACCEPTS(schema, v);
		cJSON_AddItemToObject(res, "to_confirm", cJSON_CreateArray());
	}

	set(get(v, "result"), "provisional", cJSON_CreateFalse());
	TREE_REJECTS(schema, v, "$.result.provisional", "const", NULL);
	set(get(v, "result"), "provisional", cJSON_CreateTrue());

	set(at(get(v, "findings"), 0), "severity", cJSON_CreateString("fatal"));
	TREE_REJECTS(schema, v, "$.findings[0].severity", "enum", NULL);
	set(at(get(v, "findings"), 0), "severity", cJSON_CreateString("info"));

	cJSON_DeleteItemFromObjectCaseSensitive(v, "findings");
	TREE_REJECTS(schema, v, "$", "required", "\"findings\"");

	cJSON_Delete(v);
	cJSON_Delete(schema);
}
END_TEST

static const char sarif_json[] =
    "{\"version\":\"2.1.0\","
    "\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
    "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"hoso\"}},"
    "\"results\":[{\"ruleId\":\"HS301\",\"level\":\"error\","
    "\"message\":{\"text\":\"x\"},"
    "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
    "{\"uri\":\"a.pdf\"}}}]}]}]}";

START_TEST(sarif_schema)
{
	cJSON *schema = load(HOSO_SHARED_SCHEMAS, "sarif-schema-2.1.0.json");
	cJSON *log = parse(sarif_json, __LINE__);
	cJSON *result = at(get(at(get(log, "runs"), 0), "results"), 0);
	cJSON *region;

	TREE_ACCEPTS(schema, log);

	set(result, "level", cJSON_CreateString("fatal"));
	TREE_REJECTS(schema, log, "$.runs[0].results[0].level", "enum", NULL);
	set(result, "level", cJSON_CreateString("warning"));

	/* draft-04's exclusiveMinimum-less minimum: a line is 1 or more. */
	region = cJSON_AddObjectToObject(
	    get(at(get(result, "locations"), 0), "physicalLocation"), "region");
	cJSON_AddNumberToObject(region, "startLine", 3);
	TREE_ACCEPTS(schema, log);
	set(region, "startLine", cJSON_CreateNumber(0));
	TREE_REJECTS(schema, log,
		     "$.runs[0].results[0].locations[0].physicalLocation."
		     "region.startLine",
		     "minimum", NULL);
	set(region, "startLine", cJSON_CreateNumber(3));

	set(log, "version", cJSON_CreateString("2.0.0"));
	TREE_REJECTS(schema, log, "$.version", "enum", NULL);
	set(log, "version", cJSON_CreateString("2.1.0"));

	cJSON_DeleteItemFromObjectCaseSensitive(
	    get(get(at(get(log, "runs"), 0), "tool"), "driver"), "name");
	TREE_REJECTS(schema, log, "$.runs[0].tool.driver", "required",
		     "\"name\"");

	cJSON_Delete(log);
	cJSON_Delete(schema);
}
END_TEST

/*
 * The examples of docs/rubrics.md, each fragment as the document gives it,
 * assembled into one small rubric of levels.
 */
static const char rubric_json[] =
    "{\"schema\":\"hoso-rubric/1\",\"id\":\"tt25-2023\","
    "\"version\":\"2026.1\","
    "\"title\":\"Đánh giá, công nhận \\\"Cộng đồng học tập\\\" cấp xã "
    "(Thông tư 25/2023/TT-BGDĐT)\","
    "\"regulation\":{\"number\":\"25/2023/TT-BGDĐT\","
    "\"title\":\"Quy định về đánh giá, công nhận \\\"Cộng đồng học tập\\\" "
    "cấp xã, huyện, tỉnh\",\"signed\":\"2023-12-27\","
    "\"effective_from\":\"2024-02-12\",\"effective_until\":null,"
    "\"source\":\"pháp điển Điều 13.1.TT.179.25; tuyengiao.vn ...\","
    "\"cite_patterns\":[\"25/2023/tt-bgddt\"]},"
    "\"supersedes\":[\"tt44-2014\"],"
    "\"scoring\":{\"kind\":\"levels\",\"levels\":["
    "{\"level\":1,\"title\":\"Mức độ 1\"},"
    "{\"level\":2,\"title\":\"Mức độ 2\"}]},"
    "\"detect\":{"
    "\"level\":[\"de nghi.{0,300}?cong nhan.{0,200}?muc do ([12])\"],"
    "\"year\":[\"nam (20[0-9]{2})\"],"
    "\"commune\":[\"uy ban nhan dan (?:xa|phuong|thi tran) "
    "([a-z ]{2,40}?)(?: cong hoa|$)\"]},"
    "\"document_types\":{"
    "\"KH\":{\"name\":\"Kế hoạch\",\"title_patterns\":[\"^ke hoach$\","
    "\"^ke hoach \"],\"symbol\":\"kh\"},"
    "\"QD\":{\"name\":\"Quyết định\",\"title_patterns\":[\"^quyet dinh\"],"
    "\"symbol\":\"qd\"},"
    "\"TTr\":{\"name\":\"Tờ trình\",\"title_patterns\":[\"^to trinh\"],"
    "\"symbol\":\"ttr\"}},"
    "\"dossier\":[{\"id\":\"to-trinh\","
    "\"title\":\"Tờ trình đề nghị công nhận\",\"types\":[\"TTr\"],"
    "\"title_patterns\":[\"cong nhan.{0,40}cong dong hoc tap\"]}],"
    "\"criteria\":[{\"id\":\"1\","
    "\"title\":\"Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp "
    "xã\",\"points_max\":8,\"indicators\":[{\"id\":\"1.2\","
    "\"title\":\"Xây dựng chương trình, kế hoạch xây dựng xã hội học tập "
    "hằng năm và thực hiện đầy đủ\","
    "\"provenance\":{\"article\":\"Điều 6 khoản 1 điểm b; Điều 7\","
    "\"source\":\"seed 002; lawnet ...\",\"confirmed\":true},"
    "\"requirements\":{\"1\":\"…text of the level-1 requirement…\","
    "\"2\":\"…level 2…\"},"
    "\"points_max\":2,"
    "\"scores\":[{\"points\":2,\"when\":\"Có kế hoạch và báo cáo kết quả "
    "thực hiện đầy đủ\"},{\"points\":1,\"when\":\"Có kế hoạch, thực hiện "
    "chưa đầy đủ\"}],"
    "\"evidence\":[{\"id\":\"ke-hoach-xhht\","
    "\"title\":\"Kế hoạch xây dựng xã hội học tập của năm đánh giá\","
    "\"types\":[\"KH\"],"
    "\"issuers\":[\"uy ban nhan dan xa\",\"ubnd xa\",\"dang uy xa\"],"
    "\"title_patterns\":[\"xay dung xa hoi hoc tap\",\"xhht\"],"
    "\"content_patterns\":[],"
    "\"filename_patterns\":[\"ke hoach.*(xa hoi hoc tap|xhht)\","
    "\"\\\\bkh\\\\b.*xhht\"],"
    "\"folders\":[\"tieu chi 1\\\\b\",\"\\\\btc ?1\\\\b\"],"
    "\"year\":{\"from\":0,\"to\":0},\"min_count\":1,\"optional\":false}],"
    "\"figures\":[{\"name\":\"ty_le_cong_dan_hoc_tap\","
    "\"title\":\"Tỷ lệ công dân đạt danh hiệu \\\"Công dân học tập\\\"\","
    "\"unit\":\"%\","
    "\"patterns\":[\"cong dan hoc tap[^0-9%]{0,120}?"
    "([0-9]+(?:[.,][0-9]+)?) ?%\"],"
    "\"threshold\":{\"op\":\">=\",\"levels\":{\"2\":60}},"
    "\"difficult_area\":{\"op\":\">=\",\"levels\":{\"2\":50}},"
    "\"score_thresholds\":[{\"min\":95,\"points\":3},"
    "{\"min\":85,\"points\":2}],"
    "\"provenance\":{\"source\":\"seed 002, Điều 7\","
    "\"confirmed\":false}}]}]}]}";

/* The "points" scoring example of docs/rubrics.md. */
static const char points_json[] =
    "{\"kind\":\"points\",\"points_max\":100,\"bands\":["
    "{\"name\":\"Tốt\",\"min\":85},{\"name\":\"Khá\",\"min\":70},"
    "{\"name\":\"Trung bình\",\"min\":50},"
    "{\"name\":\"Không xếp loại\",\"min\":0}],"
    "\"provenance\":{\"source\":\"...\",\"confirmed\":false}}";

START_TEST(rubric_schema)
{
	cJSON *schema = load(HOSO_SCHEMAS, "rubric.schema.json");
	cJSON *r = parse(rubric_json, __LINE__);
	cJSON *ind, *fig;

	TREE_ACCEPTS(schema, r);
	set(r, "scoring", parse(points_json, __LINE__));
	TREE_ACCEPTS(schema, r);

	cJSON_AddArrayToObject(r, "criterias");
	TREE_REJECTS(schema, r, "$.criterias", "additionalProperties", NULL);
	cJSON_DeleteItemFromObjectCaseSensitive(r, "criterias");

	ind = at(get(at(get(r, "criteria"), 0), "indicators"), 0);
	fig = at(get(ind, "figures"), 0);
	set(get(fig, "threshold"), "op", cJSON_CreateString("=>"));
	TREE_REJECTS(schema, r,
		     "$.criteria[0].indicators[0].figures[0].threshold.op",
		     "enum", NULL);
	set(get(fig, "threshold"), "op", cJSON_CreateString(">"));
	TREE_ACCEPTS(schema, r);

	cJSON_AddStringToObject(at(get(ind, "evidence"), 0), "typo", "x");
	TREE_REJECTS(schema, r, "$.criteria[0].indicators[0].evidence[0].typo",
		     "additionalProperties", NULL);
	cJSON_DeleteItemFromObjectCaseSensitive(at(get(ind, "evidence"), 0),
						"typo");

	set(r, "id", cJSON_CreateString("TT25 2023"));
	TREE_REJECTS(schema, r, "$.id", "pattern", NULL);

	cJSON_Delete(r);
	cJSON_Delete(schema);
}
END_TEST

/* Every rubric shipped in schemas/rubrics/ conforms to the schema. */
START_TEST(builtin_rubrics)
{
	char dir[4096];
	cJSON *schema = load(HOSO_SCHEMAS, "rubric.schema.json");
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/rubrics", HOSO_SCHEMAS);
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char err[ERRLEN];
		cJSON *r;

		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		r = load(dir, e->d_name);
		ck_assert_msg(jsonschema_validate(schema, r, err, sizeof(err)),
			      "%s: %s", e->d_name, err);
		cJSON_Delete(r);
	}
	closedir(d);
	cJSON_Delete(schema);
}
END_TEST

/* The shipped lexicon conforms to its schema; a typo in it does not. */
START_TEST(builtin_lexicon)
{
	cJSON *schema = load(HOSO_SCHEMAS, "lexicon.schema.json");
	cJSON *lx = load(HOSO_SCHEMAS, "lexicon.json");
	cJSON *c;
	char err[ERRLEN];

	ck_assert_msg(jsonschema_validate(schema, lx, err, sizeof(err)), "%s", err);
	c = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(lx, "concepts"), "ttvh");
	ck_assert_ptr_nonnull(c);
	cJSON_AddStringToObject(c, "weight", "2");
	ck_assert(!jsonschema_validate(schema, lx, err, sizeof(err)));
	ck_assert_msg(strstr(err, "$.concepts.ttvh.weight"), "%s", err);
	cJSON_Delete(lx);
	cJSON_Delete(schema);
}
END_TEST

Suite *jsonschema_suite(void)
{
	Suite *s = suite_create("jsonschema");
	TCase *kw = tcase_create("keywords");
	TCase *sc = tcase_create("schemas");

	tcase_add_test(kw, kw_type);
	tcase_add_test(kw, kw_properties_required);
	tcase_add_test(kw, kw_additional_pattern_properties);
	tcase_add_test(kw, kw_items);
	tcase_add_test(kw, kw_array_counts);
	tcase_add_test(kw, kw_enum_const);
	tcase_add_test(kw, kw_numbers);
	tcase_add_test(kw, kw_strings);
	tcase_add_test(kw, kw_format);
	tcase_add_test(kw, kw_ref);
	tcase_add_test(kw, kw_depth);
	tcase_add_test(kw, kw_combinators);
	tcase_add_test(kw, kw_objects_misc);
	tcase_add_test(kw, boolean_schemas);
	tcase_add_test(kw, err_buffer);
	suite_add_tcase(s, kw);
	tcase_add_test(sc, schemas_sound);
	tcase_add_test(sc, verdict_schema);
	tcase_add_test(sc, builtin_lexicon);
	tcase_add_test(sc, sarif_schema);
	tcase_add_test(sc, rubric_schema);
	tcase_add_test(sc, builtin_rubrics);
	suite_add_tcase(s, sc);
	return s;
}
