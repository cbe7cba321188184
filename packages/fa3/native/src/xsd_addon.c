/*
 * FA(3) schema validation on the system's libxml2 (Node-API addon). The schema is compiled once; each call parses
 * one document from the caller's bytes (no copy) with a reused parser context and validates it with a reused
 * validation context. Nothing is loaded from the network, DTDs are never loaded and entities are not substituted.
 *
 * JS API (see src/validation/xsd-libxml2-native.validator.ts):
 *   compile(schemaPath: string): External
 *   validate(schema: External, document: Uint8Array): null | { syntax, message, line, column, path }[]
 *   libxmlVersion: string
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

#include "issue_list.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS | XML_PARSE_BIG_LINES)
/*
 * A reused parser context keeps its name dictionary, which documents with made-up element names would grow without
 * bound: past this many entries the context is replaced.
 */
#define DICT_LIMIT 20000

typedef struct {
  xmlSchemaPtr schema;
  xmlSchemaValidCtxtPtr valid;
  xmlParserCtxtPtr parser;
  fa3_issue_list issues;
} fa3_validator;

#define CHECK(env, call)                                     \
  do {                                                       \
    if ((call) != napi_ok) {                                 \
      napi_throw_error((env), NULL, "fa3 native: " #call);   \
      return NULL;                                           \
    }                                                        \
  } while (0)

static void free_validator(fa3_validator *v) {
  fa3_issue_list_clear(&v->issues);
  if (v->parser != NULL) xmlFreeParserCtxt(v->parser);
  if (v->valid != NULL) xmlSchemaFreeValidCtxt(v->valid);
  if (v->schema != NULL) xmlSchemaFree(v->schema);
  free(v);
}

static void finalize_validator(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free_validator(data);
}

static napi_value compile(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char path[4096];
  size_t length = 0;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], path, sizeof path, &length) != napi_ok ||
      length >= sizeof path - 1) {
    napi_throw_type_error(env, NULL, "compile(schemaPath): a path shorter than 4 KB is required");
    return NULL;
  }

  fa3_validator *v = calloc(1, sizeof *v);
  if (v == NULL) {
    napi_throw_error(env, NULL, "fa3 native: out of memory");
    return NULL;
  }
  xmlSchemaParserCtxtPtr schema_parser = xmlSchemaNewParserCtxt(path);
  if (schema_parser != NULL) {
    xmlSchemaSetParserStructuredErrors(schema_parser, fa3_collect_issue, &v->issues);
    v->schema = xmlSchemaParse(schema_parser);
    xmlSchemaFreeParserCtxt(schema_parser);
  }
  if (v->schema != NULL) v->valid = xmlSchemaNewValidCtxt(v->schema);
  if (v->valid != NULL) v->parser = xmlNewParserCtxt();
  if (v->parser == NULL) {
    const char *reason = v->issues.count > 0 ? v->issues.items[0].message : "cannot compile the schema";
    napi_throw_error(env, NULL, reason);
    free_validator(v);
    return NULL;
  }
  fa3_issue_list_clear(&v->issues);
  xmlSchemaSetValidStructuredErrors(v->valid, fa3_collect_issue, &v->issues);

  napi_value handle;
  if (napi_create_external(env, v, finalize_validator, NULL, &handle) != napi_ok) {
    free_validator(v);
    napi_throw_error(env, NULL, "fa3 native: napi_create_external");
    return NULL;
  }
  return handle;
}

static napi_value issue_object(napi_env env, const fa3_issue *issue, int syntax) {
  napi_value object, value;
  CHECK(env, napi_create_object(env, &object));
  CHECK(env, napi_get_boolean(env, syntax, &value));
  CHECK(env, napi_set_named_property(env, object, "syntax", value));
  CHECK(env, napi_create_string_utf8(env, issue->message, NAPI_AUTO_LENGTH, &value));
  CHECK(env, napi_set_named_property(env, object, "message", value));
  CHECK(env, napi_create_int32(env, issue->line, &value));
  CHECK(env, napi_set_named_property(env, object, "line", value));
  CHECK(env, napi_create_int32(env, issue->column, &value));
  CHECK(env, napi_set_named_property(env, object, "column", value));
  if (issue->path != NULL) {
    CHECK(env, napi_create_string_utf8(env, issue->path, NAPI_AUTO_LENGTH, &value));
  } else {
    CHECK(env, napi_get_undefined(env, &value));
  }
  CHECK(env, napi_set_named_property(env, object, "path", value));
  return object;
}

static napi_value issue_array(napi_env env, const fa3_issue_list *list, int syntax) {
  napi_value array;
  CHECK(env, napi_create_array_with_length(env, (size_t)list->count, &array));
  for (int i = 0; i < list->count; i++) {
    napi_value object = issue_object(env, &list->items[i], syntax);
    if (object == NULL) return NULL;
    CHECK(env, napi_set_element(env, array, (uint32_t)i, object));
  }
  return array;
}

/* Parses `bytes`; NULL when the document is not well-formed (the reasons are in v->issues). */
static xmlDocPtr parse_document(fa3_validator *v, const char *bytes, int length) {
  xmlSetStructuredErrorFunc(&v->issues, fa3_collect_issue);
  xmlDocPtr doc = xmlCtxtReadMemory(v->parser, bytes, length, NULL, NULL, PARSE_OPTIONS);
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (doc != NULL && !v->parser->wellFormed) {
    xmlFreeDoc(doc);
    doc = NULL;
  }
  if (doc == NULL && v->issues.count == 0) {
    /* libxml2 reports nothing for an empty buffer. */
    xmlError empty = {0};
    empty.level = XML_ERR_FATAL;
    empty.message = "Document is empty";
    empty.line = 1;
    empty.int2 = 1;
    fa3_collect_issue(&v->issues, &empty);
  }
  return doc;
}

static void renew_parser_if_grown(fa3_validator *v) {
  if (xmlDictSize(v->parser->dict) <= DICT_LIMIT) return;
  xmlParserCtxtPtr fresh = xmlNewParserCtxt();
  if (fresh == NULL) return;
  xmlFreeParserCtxt(v->parser);
  v->parser = fresh;
}

static napi_value validate(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  fa3_validator *v = NULL;
  napi_typedarray_type type;
  size_t length = 0;
  void *bytes = NULL;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || napi_get_value_external(env, argv[0], (void **)&v) != napi_ok || v == NULL ||
      napi_get_typedarray_info(env, argv[1], &type, &length, &bytes, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "validate(schema, document): a compiled schema and a Uint8Array are required");
    return NULL;
  }
  if (length > INT_MAX) {
    napi_throw_range_error(env, NULL, "validate: the document is larger than 2 GB");
    return NULL;
  }

  fa3_issue_list_clear(&v->issues);
  xmlDocPtr doc = parse_document(v, bytes, (int)length);
  if (doc == NULL) {
    renew_parser_if_grown(v);
    return issue_array(env, &v->issues, 1);
  }
  int rc = xmlSchemaValidateDoc(v->valid, doc);
  xmlFreeDoc(doc);
  renew_parser_if_grown(v);
  if (rc == 0) {
    napi_value none;
    CHECK(env, napi_get_null(env, &none));
    return none;
  }
  if (v->issues.count == 0) {
    napi_throw_error(env, NULL, "fa3 native: libxml2 could not validate the document (internal error)");
    return NULL;
  }
  return issue_array(env, &v->issues, 0);
}

/* Worker threads each load the addon; libxml2 2.9 must be initialised once, not concurrently. */
static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;

NAPI_MODULE_INIT() {
  pthread_once(&libxml_once, xmlInitParser);
  napi_value fn, version;
  CHECK(env, napi_create_function(env, "compile", NAPI_AUTO_LENGTH, compile, NULL, &fn));
  CHECK(env, napi_set_named_property(env, exports, "compile", fn));
  CHECK(env, napi_create_function(env, "validate", NAPI_AUTO_LENGTH, validate, NULL, &fn));
  CHECK(env, napi_set_named_property(env, exports, "validate", fn));
  CHECK(env, napi_create_string_utf8(env, LIBXML_DOTTED_VERSION, NAPI_AUTO_LENGTH, &version));
  CHECK(env, napi_set_named_property(env, exports, "libxmlVersion", version));
  return exports;
}
