/*
 * Issues libxml2 reports while one document is parsed and validated, copied out of libxml2's error structs before
 * the document is freed (the element path needs the tree).
 */
#ifndef FA3_ISSUE_LIST_H
#define FA3_ISSUE_LIST_H

#include <libxml/xmlerror.h>

/* More issues than this say nothing new about a document and would let a hostile one fill memory. */
#define FA3_MAX_ISSUES 200

typedef struct {
  char *message;
  char *path;
  int line;
  int column;
} fa3_issue;

typedef struct {
  fa3_issue items[FA3_MAX_ISSUES];
  int count;
} fa3_issue_list;

#if LIBXML_VERSION >= 21200
typedef const xmlError *fa3_error_ptr;
#else
typedef xmlErrorPtr fa3_error_ptr;
#endif

/* xmlStructuredErrorFunc: records errors (not warnings) into the fa3_issue_list passed as user data. */
void fa3_collect_issue(void *list, fa3_error_ptr error);

void fa3_issue_list_clear(fa3_issue_list *list);

#endif
