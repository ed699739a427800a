// Stackful coroutines for the lesson language's generators: a hand-written context switch
// (x86_64 SysV, arm64) and pooled mmap'd stacks with a guard page. No ucontext, no threads.
#ifndef CCOROUTINE_H
#define CCOROUTINE_H
#include <stddef.h>

/// One coroutine's switch state. `coroutine_sp` is where the suspended coroutine resumes;
/// `resumer_sp` where it returns to when it yields or finishes.
typedef struct cco_context {
    void *coroutine_sp;
    void *resumer_sp;
    void *stack_base;   // start of the mapping (guard page included); NULL when none
    size_t stack_size;  // bytes of the mapping
} cco_context;

/// Takes a stack from the pool (or maps a new one) into `context`; 0 on success.
int cco_stack_acquire(cco_context *context);

/// Returns the context's stack to the pool (or unmaps it); no-op without a stack.
void cco_stack_release(cco_context *context);

/// Sets up the context's stack so the first `cco_resume` calls `entry(argument)` on it.
/// `entry` must never return: it ends with `cco_finish`.
void cco_prepare(cco_context *context, void (*entry)(void *), void *argument);

/// Saves the callee-saved state on the current stack, stores the stack pointer in *save,
/// loads `target` as the stack pointer and restores the state saved there (assembly).
void cco_switch(void **save, void *target);

/// Switches from the caller into the coroutine; returns when it yields or finishes.
/// Inline: every call level between the switch and the interpreter costs a mispredicted
/// return after each switch.
static inline void cco_resume(cco_context *context) { cco_switch(&context->resumer_sp, context->coroutine_sp); }

/// Switches from inside the coroutine back to its resumer; returns when resumed again.
static inline void cco_yield(cco_context *context) { cco_switch(&context->coroutine_sp, context->resumer_sp); }

/// Switches back to the resumer for the last time (the coroutine's stack may then be released).
void cco_finish(cco_context *context) __attribute__((noreturn));

/// Bytes of a coroutine stack (usable, without the guard page).
size_t cco_stack_usable_size(void);

#endif
