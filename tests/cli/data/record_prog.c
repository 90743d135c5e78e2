// SPDX-License-Identifier: GPL-2.0
/*
 * The program tests/cli/record.sh records: 4 threads of malloc + realloc +
 * free, objects freed by another thread than their allocator, 3
 * posix_memalign(64), one aligned_alloc(4096) and a reallocarray, a forked
 * child that allocates, reallocs and frees, then exits with argv[1]'s
 * status (0 by default) so that a failing command is tested too.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *shared[4];

static void *worker(void *arg)
{
	long k = (long)arg;
	int i;

	for (i = 0; i < 100; i++) {
		void *volatile p = malloc(16 + i + k);

		p = realloc(p, 64 + i);
		free(p);
	}
	shared[k] = malloc(1000 + k);	/* freed by the main thread */
	return NULL;
}

int main(int argc, char **argv)
{
	void *volatile a;
	void *b;
	pthread_t t[4];
	long i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 4; i++)
		free(shared[i]);
	for (i = 0; i < 3; i++) {
		if (posix_memalign(&b, 64, 200))
			return 3;
		free(b);
	}
	a = aligned_alloc(4096, 4096);
	free(a);
	a = reallocarray(NULL, 10, 30);
	free(a);
	if (fork() == 0) {
		void *volatile c = malloc(77);

		c = realloc(c, 99);
		free(c);
		_exit(0);
	}
	wait(NULL);
	return argc > 1 ? atoi(argv[1]) : 0;
}
