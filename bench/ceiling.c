/* The HTTP ceiling of `make bench`: libmicrohttpd set up as koms sets it up
 * (Sources/CMicroHTTPD/shim.h, Sources/HTTPServer/HTTPServer.swift), answering
 * every request with a fixed 32-byte JSON body. Whatever koms adds on top of
 * the bare HTTP exchange is measured against this.
 *
 * Same as koms: MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, a
 * thread pool of THREADS, a request-completed callback, the connection
 * timeout, total and per-address connection limits, connection memory and
 * listen backlog; the response is built, queued and released on the second
 * call of the access handler (koms dispatches there, never on the first call,
 * which would make libmicrohttpd close the connection).
 *
 * usage: ceiling THREADS PER_ADDRESS_LIMIT
 * Listens on 127.0.0.1 on a port the system picks, prints "port=N" on
 * standard output once serving, and stops on SIGTERM or SIGINT. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {"access_token_expires_in":3600}: the size of a GET /session answer. */
static const char body[] = "{\"access_token_expires_in\":3600}";
_Static_assert(sizeof body - 1 == 32, "the ceiling's body is 32 bytes");

static int exchange_marker;

static enum MHD_Result answer(void *context, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **state) {
    (void) context; (void) url; (void) method; (void) version; (void) upload_data;
    if (*state == NULL) {
        /* First call: the head only. */
        *state = &exchange_marker;
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        /* A body, if any, is read and dropped. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct MHD_Response *response =
        MHD_create_response_from_buffer(sizeof body - 1, (void *) body, MHD_RESPMEM_PERSISTENT);
    if (response == NULL) return MHD_NO;
    MHD_add_response_header(response, "Content-Type", "application/json");
    MHD_add_response_header(response, "Cache-Control", "no-store");
    enum MHD_Result queued = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return queued;
}

static void completed(void *context, struct MHD_Connection *connection, void **state,
                      enum MHD_RequestTerminationCode code) {
    (void) context; (void) connection; (void) code;
    *state = NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ceiling THREADS PER_ADDRESS_LIMIT\n");
        return 64;
    }
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = 0;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    /* The stop signals are blocked before the daemon's threads start, so
     * that they inherit the mask and only sigwait below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL, answer, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &address,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int) atoi(argv[1]),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int) 1024,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int) atoi(argv[2]),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) 32768,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int) 1024,
        MHD_OPTION_END);
    if (daemon == NULL) {
        fprintf(stderr, "ceiling: libmicrohttpd refused to start\n");
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    printf("port=%u\n", info == NULL ? 0 : (unsigned int) info->port);
    fflush(stdout);

    int signal_number;
    sigwait(&stop, &signal_number);
    MHD_stop_daemon(daemon);
    return 0;
}
