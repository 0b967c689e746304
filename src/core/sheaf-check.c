/* sheaf-check.c: being written */
#include "config.h"
