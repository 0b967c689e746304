/* sheaf-syntax.c: being written */
#include "config.h"
