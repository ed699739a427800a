// The context switch (callee-saved registers, stack pointer and FP control state swapped
// by hand) and a small pool of coroutine stacks mapped with a PROT_NONE guard page.
#include "CCoroutine.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>


#if defined(__APPLE__)
#define CCO_SYMBOL(name) "_" #name
#define CCO_TYPE(name)
#define CCO_SIZE(name)
#else
#define CCO_SYMBOL(name) #name
#define CCO_TYPE(name) ".type " #name ", @function\n"
#define CCO_SIZE(name) ".size " #name ", .-" #name "\n"
#endif

/// Whether each switch also saves and restores the FP control state (x87 control word and
/// MXCSR on x86_64, FPCR on arm64). Off by default: nothing in the lesson language changes
/// rounding or denormal modes, native code that does restores them before returning (never
/// across a yield), and stmxcsr/fnstcw measured at about a sixth of a generator round trip.
/// New coroutines start with the default control state either way.
#ifndef CCO_SAVE_FP_CONTROL
#define CCO_SAVE_FP_CONTROL 0
#endif

#if defined(__x86_64__)
#if CCO_SAVE_FP_CONTROL
// Reload the FP control state only when it differs (fldcw/ldmxcsr are slow); the current
// values go to the red zone below the frame for the comparison.
#define CCO_X86_SAVE_FP "    stmxcsr 4(%rsp)\n    fnstcw (%rsp)\n"
#define CCO_X86_RESTORE_FP \
    "    fnstcw -8(%rsp)\n    movzwl -8(%rsp), %eax\n    cmpw (%rsp), %ax\n    je 1f\n    fldcw (%rsp)\n1:\n" \
    "    stmxcsr -4(%rsp)\n    movl -4(%rsp), %eax\n    cmpl 4(%rsp), %eax\n    je 2f\n    ldmxcsr 4(%rsp)\n2:\n"
#else
#define CCO_X86_SAVE_FP
#define CCO_X86_RESTORE_FP
#endif
// Frame: [x87 control word | MXCSR] r15 r14 r13 r12 rbx rbp, return address.
__asm__(
    ".text\n"
    ".globl " CCO_SYMBOL(cco_switch) "\n"
    CCO_TYPE(cco_switch)
    ".p2align 4\n"
    CCO_SYMBOL(cco_switch) ":\n"
    "    pushq %rbp\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r13\n"
    "    pushq %r14\n"
    "    pushq %r15\n"
    "    subq $8, %rsp\n"
    CCO_X86_SAVE_FP
    "    movq %rsp, (%rdi)\n"
    "    movq %rsi, %rsp\n"
    CCO_X86_RESTORE_FP
    "    addq $8, %rsp\n"
    "    popq %r15\n"
    "    popq %r14\n"
    "    popq %r13\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    popq %rbp\n"
    "    ret\n"
    CCO_SIZE(cco_switch)
    // First activation: r12 = entry, r13 = argument; the stack is 16-byte aligned here.
    ".globl " CCO_SYMBOL(cco_trampoline) "\n"
    CCO_TYPE(cco_trampoline)
    ".p2align 4\n"
    CCO_SYMBOL(cco_trampoline) ":\n"
    "    movq %r13, %rdi\n"
    "    callq *%r12\n"
    "    ud2\n"
    CCO_SIZE(cco_trampoline)
);
#elif defined(__aarch64__)
#if CCO_SAVE_FP_CONTROL
#define CCO_ARM_SAVE_FP "    mrs x2, fpcr\n    str x2, [sp, #160]\n"
#define CCO_ARM_RESTORE_FP "    ldr x2, [sp, #160]\n    mrs x3, fpcr\n    cmp x2, x3\n    b.eq 1f\n    msr fpcr, x2\n1:\n"
#else
#define CCO_ARM_SAVE_FP
#define CCO_ARM_RESTORE_FP
#endif
// Frame (176 bytes): x19-x28, x29, x30, d8-d15, FPCR.
__asm__(
    ".text\n"
    ".globl " CCO_SYMBOL(cco_switch) "\n"
    CCO_TYPE(cco_switch)
    ".p2align 4\n"
    CCO_SYMBOL(cco_switch) ":\n"
    "    sub sp, sp, #176\n"
    "    stp x19, x20, [sp, #0]\n"
    "    stp x21, x22, [sp, #16]\n"
    "    stp x23, x24, [sp, #32]\n"
    "    stp x25, x26, [sp, #48]\n"
    "    stp x27, x28, [sp, #64]\n"
    "    stp x29, x30, [sp, #80]\n"
    "    stp d8, d9, [sp, #96]\n"
    "    stp d10, d11, [sp, #112]\n"
    "    stp d12, d13, [sp, #128]\n"
    "    stp d14, d15, [sp, #144]\n"
    CCO_ARM_SAVE_FP
    "    mov x2, sp\n"
    "    str x2, [x0]\n"
    "    mov sp, x1\n"
    "    ldp x19, x20, [sp, #0]\n"
    "    ldp x21, x22, [sp, #16]\n"
    "    ldp x23, x24, [sp, #32]\n"
    "    ldp x25, x26, [sp, #48]\n"
    "    ldp x27, x28, [sp, #64]\n"
    "    ldp x29, x30, [sp, #80]\n"
    "    ldp d8, d9, [sp, #96]\n"
    "    ldp d10, d11, [sp, #112]\n"
    "    ldp d12, d13, [sp, #128]\n"
    "    ldp d14, d15, [sp, #144]\n"
    CCO_ARM_RESTORE_FP
    "    add sp, sp, #176\n"
    "    ret\n"
    CCO_SIZE(cco_switch)
    // First activation: x19 = entry, x20 = argument.
    ".globl " CCO_SYMBOL(cco_trampoline) "\n"
    CCO_TYPE(cco_trampoline)
    ".p2align 4\n"
    CCO_SYMBOL(cco_trampoline) ":\n"
    "    mov x0, x20\n"
    "    blr x19\n"
    "    brk #0\n"
    CCO_SIZE(cco_trampoline)
);
#else
#error "CCoroutine: unsupported architecture (x86_64 and arm64 only)"
#endif

void cco_trampoline(void);

// MARK: - Stacks

/// 512 MB of address space each (like the interpreter thread's stack): only touched pages
/// cost memory, so deep recursion inside a generator reaches RecursionError, not the guard.
#define CCO_STACK_SIZE ((size_t)512 << 20)
#define CCO_POOL_CAPACITY 16

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static void *pool[CCO_POOL_CAPACITY];
static int pool_count = 0;

static size_t page_size(void) {
    static size_t cached = 0;
    if (cached == 0) {
        long p = sysconf(_SC_PAGESIZE);
        cached = p > 0 ? (size_t)p : 4096;
    }
    return cached;
}

size_t cco_stack_usable_size(void) { return CCO_STACK_SIZE - page_size(); }

int cco_stack_acquire(cco_context *context) {
    void *base = NULL;
    pthread_mutex_lock(&pool_lock);
    if (pool_count > 0) base = pool[--pool_count];
    pthread_mutex_unlock(&pool_lock);
    if (base == NULL) {
        int flags = MAP_PRIVATE | MAP_ANON;
#ifdef MAP_NORESERVE
        flags |= MAP_NORESERVE;
#endif
        void *p = mmap(NULL, CCO_STACK_SIZE, PROT_READ | PROT_WRITE, flags, -1, 0);
        if (p == MAP_FAILED) return -1;
        // The lowest page traps an overflow instead of running into other memory.
        if (mprotect(p, page_size(), PROT_NONE) != 0) {
            munmap(p, CCO_STACK_SIZE);
            return -1;
        }
        base = p;
    }
    context->stack_base = base;
    context->stack_size = CCO_STACK_SIZE;
    return 0;
}

void cco_stack_release(cco_context *context) {
    void *base = context->stack_base;
    if (base == NULL) return;
    context->stack_base = NULL;
    context->coroutine_sp = NULL;
    pthread_mutex_lock(&pool_lock);
    if (pool_count < CCO_POOL_CAPACITY) {
        pool[pool_count++] = base;
        base = NULL;
    }
    pthread_mutex_unlock(&pool_lock);
    if (base != NULL) munmap(base, CCO_STACK_SIZE);
}

void cco_prepare(cco_context *context, void (*entry)(void *), void *argument) {
    uintptr_t top = ((uintptr_t)context->stack_base + context->stack_size) & ~(uintptr_t)15;
#if defined(__x86_64__)
    // After cco_switch pops the frame and returns into the trampoline, rsp = top - 16
    // (16-byte aligned, as a call instruction expects).
    void **sp = (void **)(top - 16);
    *--sp = (void *)cco_trampoline;  // return address
    *--sp = NULL;                     // rbp
    *--sp = NULL;                     // rbx
    *--sp = (void *)entry;            // r12
    *--sp = argument;                 // r13
    *--sp = NULL;                     // r14
    *--sp = NULL;                     // r15
    --sp;                             // x87 control word, MXCSR: the defaults
    uint32_t *control = (uint32_t *)sp;
    control[0] = 0x037F;
    control[1] = 0x1F80;
    context->coroutine_sp = sp;
#else
    uint64_t *frame = (uint64_t *)(top - 176);
    for (int i = 0; i < 22; i++) frame[i] = 0;
    frame[0] = (uint64_t)(uintptr_t)entry;          // x19
    frame[1] = (uint64_t)(uintptr_t)argument;       // x20
    frame[11] = (uint64_t)(uintptr_t)cco_trampoline; // x30
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    frame[20] = fpcr;
    context->coroutine_sp = frame;
#endif
}

void cco_finish(cco_context *context) {
    cco_switch(&context->coroutine_sp, context->resumer_sp);
    __builtin_unreachable();
}
