/* sheaf-frontmatter.c: being written */
#include "config.h"
