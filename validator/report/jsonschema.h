/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonschema.h: a small JSON Schema validator over cJSON trees. `hoso
 * render` checks a saved verdict against schemas/verdict.schema.json
 * (built into the program) before rendering it; the tests check the
 * verdict, the rubrics and the SARIF output against their schemas.
 *
 * Supported (draft-07, and draft-04 where it differs as SARIF needs):
 *   type (a name or an array of names; "integer" is a number without a
 *   fraction), enum, const, multipleOf, minimum, maximum,
 *   exclusiveMinimum, exclusiveMaximum (a number, or draft-04's boolean
 *   beside minimum/maximum), minLength, maxLength (in code points),
 *   pattern (PCRE2, UTF, unanchored as in ECMA-262), format (date-time,
 *   date, time, uri, uri-reference, email leniently; others accepted),
 *   items (a schema or a tuple, with additionalItems), minItems, maxItems,
 *   uniqueItems, contains, required, properties, patternProperties,
 *   additionalProperties, minProperties, maxProperties, propertyNames,
 *   dependencies (names or a schema), allOf, anyOf, oneOf, not,
 *   if/then/else, boolean schemas, and $ref to a JSON pointer within the
 *   same document ("#", "#/definitions/x", "#/$defs/x", with ~0 ~1 and
 *   %XX escapes, optionally prefixed by the root's $id/id). As in draft-07,
 *   the siblings of $ref are ignored. Unknown keywords and annotations
 *   (title, description, default, examples, $comment) are ignored.
 * Not supported: $ref to another document or to a $id anchor inside the
 * schema, draft 2019+ keywords (unevaluated*, dependentRequired, ...).
 * Such a $ref is reported as a schema error, never skipped.
 */
#ifndef HOSO_JSONSCHEMA_H
#define HOSO_JSONSCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Nesting bound of schema evaluation ($ref chains and instance depth). */
#define JSONSCHEMA_MAX_DEPTH 256

/**
 * Validates instance against schema (both borrowed, not modified).
 * Returns true when it conforms. Otherwise returns false and, if err is
 * not NULL, writes into err (NUL-terminated, cut to errlen) the first
 * fault: the JSON path in the instance, what is wrong, and the schema
 * keyword that failed as a JSON pointer in the schema, e.g.
 *   $.criteria[3].indicators[1].status: "passed" is not one of enum
 *   [#/definitions/status/enum]
 * A fault of the schema itself (unresolvable $ref, invalid pattern,
 * unknown type name) or a nesting deeper than JSONSCHEMA_MAX_DEPTH fails
 * validation with "schema error: ..." or "too deep: ..." even inside
 * anyOf/oneOf/not, so that a broken schema never passes silently.
 * Keeps no state between calls; thread-safe for distinct err buffers.
 */
bool jsonschema_validate(const cJSON *schema, const cJSON *instance, char *err,
			 size_t errlen);

#endif
