// The system zlib (zlib licence), reached through this system library target: PNG export
// compresses its pixels with it, and the tests inflate them again.
#include <zlib.h>
