// Keep cmark's short NODE_*/EVENT_* macros out of Swift; only CMARK_-prefixed names are used.
#define CMARK_NO_SHORT_NAMES 1
#include <cmark.h>
