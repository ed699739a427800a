// GNU readline (GPL-3.0), reached through this system library target.
// stdio.h must come first: readline.h uses FILE without including it.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
