/*
** bench/allocate/glpk_trace.c — an LD_PRELOAD shim for looking inside
** ec_allocate without touching src/: wraps glp_simplex and glp_intopt,
** prints the size of each problem (rows, columns, non-zeros, binaries), its
** wall time and its simplex iteration count to stderr, and with
** GLPK_TRACE=2 turns GLPK's own progress output back on.
**
**   cc -O2 -shared -fPIC -o out/glpk_trace.so glpk_trace.c -ldl
**   LD_PRELOAD=out/glpk_trace.so out/bench_allocate --projects 3000 --funds 200 --no-lists
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int in_intopt, node_lps;
static double node_time;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int verbose(void)
{
	const char *v = getenv("GLPK_TRACE");
	return v && atoi(v) >= 2;
}

static void size(const char *what, glp_prob *P)
{
	fprintf(stderr, "glpk_trace: %s rows %d cols %d nz %d binaries %d\n", what, glp_get_num_rows(P),
		glp_get_num_cols(P), glp_get_num_nz(P), glp_get_num_bin(P));
}

int glp_simplex(glp_prob *P, const glp_smcp *parm)
{
	static int (*real)(glp_prob *, const glp_smcp *);
	glp_smcp p = *parm;
	int ret, term = 0;
	double t0;

	if (!real)
		real = (int (*)(glp_prob *, const glp_smcp *))dlsym(RTLD_NEXT, "glp_simplex");
	if (in_intopt) { /* a node of branch and bound: count it only */
		t0 = now();
		ret = real(P, parm);
		node_time += now() - t0;
		node_lps++;
		return ret;
	}
	size("glp_simplex", P);
	if (verbose()) {
		p.msg_lev = GLP_MSG_ALL;
		p.out_frq = 1000;
		term = glp_term_out(GLP_ON);
	}
	t0 = now();
	ret = real(P, &p);
	fprintf(stderr, "glpk_trace: glp_simplex ret %d status %d obj %.6f time %.3f s\n", ret, glp_get_status(P),
		glp_get_obj_val(P), now() - t0);
	if (verbose())
		glp_term_out(term);
	return ret;
}

int glp_intopt(glp_prob *P, const glp_iocp *parm)
{
	static int (*real)(glp_prob *, const glp_iocp *);
	glp_iocp p = *parm;
	int ret, term = 0;
	double t0;

	if (!real)
		real = (int (*)(glp_prob *, const glp_iocp *))dlsym(RTLD_NEXT, "glp_intopt");
	size("glp_intopt", P);
	if (verbose()) {
		p.msg_lev = GLP_MSG_ON;
		term = glp_term_out(GLP_ON);
	}
	t0 = now();
	in_intopt = 1;
	node_lps = 0;
	node_time = 0;
	ret = real(P, &p);
	in_intopt = 0;
	fprintf(stderr, "glpk_trace: glp_intopt ret %d status %d obj %.6f time %.3f s; %d node LPs, %.3f s in them\n",
		ret, glp_mip_status(P), glp_mip_obj_val(P), now() - t0, node_lps, node_time);
	if (verbose())
		glp_term_out(term);
	return ret;
}
