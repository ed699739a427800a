// Autograd node numbering: each new graph node takes the next number, as PyTorch's
// sequence_nr does, so backward can run nodes in PyTorch's order (chapter 4's gradients).
#include "CKernels.h"

static long next_sequence_nr = 0;

long ck_next_sequence_nr(void) {
    return __atomic_fetch_add(&next_sequence_nr, 1, __ATOMIC_RELAXED);
}
