/*
 * main.c - placeholder until the capture engine lands.
 */
#include <stdio.h>

int
main(void)
{
	printf("nightjar %s\n", NJ_VERSION);
	return 0;
}
