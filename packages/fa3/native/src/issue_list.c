#include "issue_list.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64
#define MAX_PATH 1024

static int same_name(xmlNodePtr a, xmlNodePtr b) {
  return b->type == XML_ELEMENT_NODE && xmlStrEqual(a->name, b->name);
}

/*
 * Element path with local names and a 1-based index where siblings share the name, e.g.
 * "Faktura/Fa/FaWiersz[2]/P_11": the form every other layer uses, so one message format serves all of them.
 * An attribute reports the path of its element.
 */
static char *element_path(xmlNodePtr node) {
  xmlNodePtr chain[MAX_DEPTH];
  int depth = 0;
  if (node != NULL && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
  for (; node != NULL && node->type == XML_ELEMENT_NODE && depth < MAX_DEPTH; node = node->parent) chain[depth++] = node;
  if (depth == 0) return NULL;

  char *out = malloc(MAX_PATH);
  if (out == NULL) return NULL;
  size_t used = 0;
  out[0] = '\0';
  for (int i = depth - 1; i >= 0 && used < MAX_PATH; i--) {
    xmlNodePtr element = chain[i];
    int index = 1, total = 1;
    for (xmlNodePtr s = element->prev; s != NULL; s = s->prev) index += same_name(element, s);
    for (xmlNodePtr s = element->next; s != NULL; s = s->next) total += same_name(element, s);
    const char *separator = i == depth - 1 ? "" : "/";
    int written = total > 1
      ? snprintf(out + used, MAX_PATH - used, "%s%s[%d]", separator, (const char *)element->name, index)
      : snprintf(out + used, MAX_PATH - used, "%s%s", separator, (const char *)element->name);
    if (written < 0) break;
    used += (size_t)written;
  }
  return out;
}

static char *trimmed_copy(const char *message) {
  if (message == NULL) return strdup("");
  size_t length = strlen(message);
  while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == '\r')) length--;
  char *copy = malloc(length + 1);
  if (copy == NULL) return NULL;
  memcpy(copy, message, length);
  copy[length] = '\0';
  return copy;
}

void fa3_collect_issue(void *data, fa3_error_ptr error) {
  fa3_issue_list *list = data;
  if (error == NULL || error->level < XML_ERR_ERROR || list->count >= FA3_MAX_ISSUES) return;
  fa3_issue *issue = &list->items[list->count];
  issue->message = trimmed_copy(error->message);
  if (issue->message == NULL) return;
  issue->path = element_path((xmlNodePtr)error->node);
  issue->line = error->line;
  issue->column = error->int2;
  list->count++;
}

void fa3_issue_list_clear(fa3_issue_list *list) {
  for (int i = 0; i < list->count; i++) {
    free(list->items[i].message);
    free(list->items[i].path);
  }
  list->count = 0;
}
