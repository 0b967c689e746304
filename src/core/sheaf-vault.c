/* sheaf-vault.c: being written */
#include "config.h"
