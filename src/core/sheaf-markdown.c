/* sheaf-markdown.c: being written */
#include "config.h"
