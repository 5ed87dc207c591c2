/* The hashing ceiling of the benchmark: argon2id hashes per second with
 * libsodium's crypto_pwhash_str at the service's parameters, on as many
 * threads as the service has hashing workers. */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned long long iterations;
static size_t memory_bytes;
static double seconds;
static atomic_long hashes;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

static void *work(void *unused) {
    (void) unused;
    char out[crypto_pwhash_STRBYTES];
    double end = now() + seconds;
    while (now() < end) {
        if (crypto_pwhash_str(out, "correct horse battery", 21, iterations, memory_bytes) != 0) {
            fprintf(stderr, "hashing: out of memory\n");
            exit(1);
        }
        atomic_fetch_add(&hashes, 1);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 5 || sodium_init() < 0) {
        fprintf(stderr, "usage: hashing THREADS ITERATIONS MEMORY_KIB SECONDS\n");
        return 64;
    }
    int threads = atoi(argv[1]);
    iterations = strtoull(argv[2], NULL, 10);
    memory_bytes = (size_t) strtoull(argv[3], NULL, 10) * 1024;
    seconds = atof(argv[4]);
    pthread_t workers[256];
    double start = now();
    for (int i = 0; i < threads && i < 256; i++) pthread_create(&workers[i], NULL, work, NULL);
    for (int i = 0; i < threads && i < 256; i++) pthread_join(workers[i], NULL);
    printf("%.2f\n", (double) atomic_load(&hashes) / (now() - start));
    return 0;
}
