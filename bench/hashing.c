/* The hashing ceiling of `make bench`: argon2id hashes per second with
 * libsodium's crypto_pwhash_str (what koms calls for a sign-up; a login's
 * crypto_pwhash_str_verify costs the same) at the service's parameters, on
 * as many threads as koms has hashing workers.
 *
 * usage: hashing THREADS ITERATIONS MEMORY_KIB SECONDS
 * Prints the hashes per second over all threads. */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { max_threads = 256 };

static unsigned long long iterations;
static size_t memory_bytes;
static double seconds;
static atomic_long hashes;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

static void *hash_until_deadline(void *deadline_pointer) {
    double deadline = *(double *) deadline_pointer;
    char out[crypto_pwhash_STRBYTES];
    static const char password[] = "correct horse battery";
    while (now() < deadline) {
        if (crypto_pwhash_str(out, password, sizeof password - 1, iterations, memory_bytes) != 0) {
            fprintf(stderr, "hashing: crypto_pwhash_str failed (out of memory?)\n");
            exit(1);
        }
        atomic_fetch_add(&hashes, 1);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: hashing THREADS ITERATIONS MEMORY_KIB SECONDS\n");
        return 64;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "hashing: sodium_init failed\n");
        return 1;
    }
    int threads = atoi(argv[1]);
    iterations = strtoull(argv[2], NULL, 10);
    memory_bytes = (size_t) strtoull(argv[3], NULL, 10) * 1024;
    seconds = atof(argv[4]);
    if (threads < 1 || threads > max_threads) {
        fprintf(stderr, "hashing: THREADS must be 1 to %d\n", max_threads);
        return 64;
    }

    pthread_t workers[max_threads];
    double start = now();
    double deadline = start + seconds;
    for (int i = 0; i < threads; i++) pthread_create(&workers[i], NULL, hash_until_deadline, &deadline);
    for (int i = 0; i < threads; i++) pthread_join(workers[i], NULL);
    /* Every hash started before the deadline is counted, and so is the time
     * it took to finish. */
    printf("%.2f\n", (double) atomic_load(&hashes) / (now() - start));
    return 0;
}
