/* sheaf-note.c: being written */
#include "config.h"
