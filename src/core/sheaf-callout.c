/* sheaf-callout.c: being written */
#include "config.h"
