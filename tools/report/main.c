/* main.c: nightjar-report: digests, host tables and charts from nightjar's alert lines. */
#include <stdio.h>
#include <string.h>

#include "report.h"

static const struct {
	const char	*name;
	int		(*run)(int, char **);
} commands[] = {
	{ "summary",	rp_cmd_summary },
	{ "hosts",	rp_cmd_hosts },
	{ "timeline",	rp_cmd_timeline },
};

static int
usage(void)
{
	fputs("usage: nightjar-report summary|hosts|timeline [options] "
	    "[file ...]\n", stderr);
	return 1;
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "--version") == 0) {
		printf("nightjar-report %s\n", NJ_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "nightjar-report: unknown command: %s\n", argv[1]);
	return 1;
}
