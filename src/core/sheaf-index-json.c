/* sheaf-index-json.c: being written */
#include "config.h"
