/* placeholder */
#include "report.h"
#include "build.h"
int report_write(char **d, size_t n, const struct templates *tp, const struct build_opts *o) { (void)d; (void)n; (void)tp; (void)o; return 0; }
