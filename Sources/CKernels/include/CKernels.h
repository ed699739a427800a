// C entry points for the hottest loops; see Sources/CKernels/*.c.
// GEMM: the engine under matmul, Linear and attention (book chapters 3-5).
#ifndef CKERNELS_H
#define CKERNELS_H
#include "ck_random.h"
#include "ck_vml.h"
#include "ck_exact.h"
#include <stddef.h>

/// Micro-kernel families. `CK_GEMM_AUTO` picks the best one this CPU supports.
enum {
    CK_GEMM_AUTO = 0,
    CK_GEMM_PORTABLE = 1,
    CK_GEMM_AVX2 = 2,
    CK_GEMM_AVX512 = 3,
};

/// 1 when `kernel` can run on this CPU (AUTO and PORTABLE always can).
int ck_sgemm_kernel_available(int kernel);

/// The family AUTO resolves to on this CPU.
int ck_sgemm_best_kernel(void);

/// A short description of a family, e.g. "avx512 14x32".
const char *ck_sgemm_kernel_name(int kernel);

/// Rows of C one micro-kernel call produces (MR); split C's rows in multiples of it.
long ck_sgemm_tile_rows(int kernel);

/// Columns of C one micro-kernel call produces (NR).
long ck_sgemm_tile_cols(int kernel);

/// Single-threaded row-major `C = alpha * op(A) * op(B) + beta * C`.
///
/// op(A) is [m, k] (A stored [m, k] with row stride lda, or [k, m] when transA),
/// op(B) is [k, n] (B stored [k, n] with row stride ldb, or [n, k] when transB),
/// C is [m, n] with row stride ldc. beta == 0 overwrites C (NaNs in C are ignored);
/// k == 0 or alpha == 0 gives C = beta * C. Small products take a direct loop; larger
/// ones are packed into per-thread buffers (allocated once per thread, reused) and
/// run through the blocked micro-kernel. Each element is summed in MKL's order (FMA
/// chains over ceil(k / 384) near-equal k blocks; see gemm.c), whatever the path or
/// the split of C, except a single row times B^T (dot products in SIMD lanes).
/// Thread-safe: callers split C into blocks and call this from several threads at once.
void ck_sgemm(int kernel, int transA, int transB, long m, long n, long k,
              float alpha, const float *a, long lda, const float *b, long ldb,
              float beta, float *c, long ldc);

/// `ck_sgemm` summed the way PyTorch's bmm sums products of fewer than 400 multiply-adds
/// (its own small-matrix loop, not MKL): per element, k in order, each a*b rounded and then
/// added, no FMA; then `C = alpha * sum + beta * C` (beta == 0 overwrites). Direct loop, no
/// packing, meant for tiny matrices.
void ck_sgemm_unfused(int transA, int transB, long m, long n, long k,
                      float alpha, const float *a, long lda, const float *b, long ldb,
                      float beta, float *c, long ldc);

/// A process-wide increasing number for each new autograd node (PyTorch's sequence_nr).
long ck_next_sequence_nr(void);

#endif

// Attention (lesson 08): PyTorch's CPU flash attention, forward and backward, bit for bit
// (attention_torch.c), and the masked row softmax of the naive path (attention.c).
#ifndef CKERNELS_ATTENTION_H
#define CKERNELS_ATTENTION_H

/// Mask kinds of `ck_attention_head.mask_kind`.
enum {
    CK_ATTENTION_MASK_NONE = 0,
    CK_ATTENTION_MASK_CAUSAL = 1,    // key j takes part for query i when j <= i (top-left)
    CK_ATTENTION_MASK_BOOL = 2,      // uint8, nonzero = takes part
    CK_ATTENTION_MASK_ADDITIVE = 3,  // float, added to the scaled scores
};

/// Columns the naive path's row softmax handles at a time.
#define CK_ATTENTION_BLOCK 64
/// Instruction sets of `ck_attention_head.isa`; AUTO picks the best this CPU has.
enum {
    CK_ATTENTION_ISA_AUTO = 0,
    CK_ATTENTION_ISA_PORTABLE = 1,  // 8-lane vectors, baseline instructions
    CK_ATTENTION_ISA_AVX2 = 2,      // 8 lanes, AVX2 + FMA
    CK_ATTENTION_ISA_AVX512 = 3,    // 16 lanes, AVX-512F
};

/// 1 when this CPU can run `isa` (AUTO and PORTABLE always can).
int ck_attention_isa_available(int isa);

/// One head of attention: q [L, E], k [S, E], v [S, Ev], out [L, Ev], all with unit
/// column stride and the given row strides; the mask (if any) is read at
/// `mask + i * mask_row + j * mask_col`. For the backward: dout [L, Ev], the saved
/// `lse` [L] (logsumexp of each row's scaled, masked scores; 0 for a fully masked row, as
/// torch), and the gradients dq [L, E], dk [S, E], dv [S, Ev]. `isa` only picks the naive
/// softmax's instruction set: the flash kernels follow torch's arithmetic on every CPU.
typedef struct ck_attention_head {
    const float *q, *k, *v;
    long q_row, k_row, v_row;
    float *out; long out_row;
    float *lse;
    long L, S, E, Ev;
    float scale;
    int mask_kind;
    const void *mask; long mask_row, mask_col;
    const float *dout; long dout_row;
    float *dq, *dk, *dv;
    long dq_row, dk_row, dv_row;
    int isa;  // CK_ATTENTION_ISA_*; an unavailable one falls back to AUTO
} ck_attention_head;

/// PyTorch's CPU flash attention, float32, bit for bit (attention_torch.c): query rows per
/// forward task (torch's q split: 32, 64 from 192 rows, 256 from 768).
long ck_torch_attention_q_split(long L);

/// Floats of scratch one thread needs for ck_torch_attention_forward (backward 0) or
/// ck_torch_attention_backward (backward 1).
long ck_torch_attention_buffer_floats(long L, long S, long E, long Ev, int backward);

/// cpu_flash_attention for query rows [m, m + q split) of one head: out and lse (torch's:
/// 0 for a fully masked row, whose output is zeros).
void ck_torch_attention_forward(const ck_attention_head *h, long m, float *scratch);

/// cpu_flash_attention_backward for one head: adds to dq, dk, dv (start them at zero);
/// reads out, dout and lse.
void ck_torch_attention_backward(const ck_attention_head *h, float *scratch);

/// Atomically returns `*counter` and adds 1 to it: threads claim the next task this way.
long ck_attention_claim(long *counter);

/// Naive path: turns row `i` of the scores q kᵀ (`row`, S floats) into softmax(scale * row + mask)
/// in place; a fully masked row becomes zeros.
void ck_attention_softmax_row(const ck_attention_head *h, long i, float *row);

/// A process-wide increasing number for each new autograd node (PyTorch's sequence_nr).
long ck_next_sequence_nr(void);

#endif
