/*
 * vb-procstat: what some processes do over a while, for the idle benchmark.
 *
 *   vb-procstat SECONDS NAME=PID...
 *
 * Prints one line per process and a total line:
 *   NAME cpu_s=S runs=N switches=N
 * cpu_s is the CPU time (ns precision, from /proc/PID/task/TID/schedstat),
 * runs the number of times one of its threads was put on a CPU (wake-ups),
 * switches its voluntary + involuntary context switches (/proc status).
 */
#include "bench.h"

int main(int argc, char **argv)
{
	if (argc < 3)
		vb_die("usage: vb-procstat SECONDS NAME=PID...");
	double seconds = atof(argv[1]);
	struct vb_procs p = { 0 };
	double runs0[VB_MAX_PROCS];
	unsigned long long sw0[VB_MAX_PROCS];
	for (int i = 2; i < argc; i++)
		vb_procs_add(&p, argv[i]);
	for (int i = 0; i < p.n; i++) {
		p.cpu0[i] = vb_proc_cpu(p.pid[i]);
		runs0[i] = vb_proc_schedstat(p.pid[i], 2);
		sw0[i] = vb_proc_switches(p.pid[i]);
		if (p.cpu0[i] < 0)
			vb_die("process %s (%d) is not running", p.name[i], p.pid[i]);
	}
	vb_sleep(seconds);
	double cpu = 0, runs = 0;
	unsigned long long sw = 0;
	for (int i = 0; i < p.n; i++) {
		double c = vb_proc_cpu(p.pid[i]) - p.cpu0[i];
		double r = vb_proc_schedstat(p.pid[i], 2) - runs0[i];
		unsigned long long s = vb_proc_switches(p.pid[i]) - sw0[i];
		printf("%s cpu_s=%.6f runs=%.0f switches=%llu\n", p.name[i], c, r, s);
		cpu += c, runs += r, sw += s;
	}
	printf("total cpu_s=%.6f runs=%.0f switches=%llu\n", cpu, runs, sw);
	return 0;
}
