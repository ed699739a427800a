// C entry points for the hottest loops; see Sources/CKernels/*.c.
#ifndef CKERNELS_H
#define CKERNELS_H
#include "ck_random.h"
#include <stddef.h>
#endif
