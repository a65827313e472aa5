/* Linked into every fuzz harness: undefined behaviour stops the run, so
** that libFuzzer keeps the input as a crash, however the harness is run.
** (The library is built with UBSan's recoverable checks: compiled to abort
** instead, its checks' blocks drop out of the coverage counts, and the
** figures in docs/performance.md would no longer compare.) */
const char *__ubsan_default_options(void);

const char *__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}
