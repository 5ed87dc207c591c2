#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// The daemon options koms sets. MHD_start_daemon is variadic, which Swift
/// cannot call, so the options travel in this struct and the wrapper below
/// turns them into an MHD_OPTION_ARRAY.
struct CMicroHTTPD_Settings {
    unsigned int flags;
    const struct sockaddr *address;
    MHD_AccessHandlerCallback handler;
    void *handler_context;
    MHD_RequestCompletedCallback completed;
    void *completed_context;
    unsigned int thread_pool_size;
    unsigned int connection_timeout_seconds;
    unsigned int connection_limit;
    unsigned int per_address_connection_limit;
    size_t connection_memory_limit;
    int listen_backlog;
    /// PEM text of the certificate chain and key; both NULL for plain HTTP.
    const char *tls_certificate;
    const char *tls_key;
    /// GnuTLS priority string, used only with a certificate.
    const char *tls_priorities;
};

/// Starts a daemon with the given settings; NULL when libmicrohttpd refuses.
static inline struct MHD_Daemon *CMicroHTTPD_start(const struct CMicroHTTPD_Settings *settings) {
    struct MHD_OptionItem options[] = {
        {MHD_OPTION_SOCK_ADDR, 0, (void *) settings->address},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t) settings->completed, settings->completed_context},
        {MHD_OPTION_THREAD_POOL_SIZE, (intptr_t) settings->thread_pool_size, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t) settings->connection_timeout_seconds, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t) settings->connection_limit, NULL},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t) settings->per_address_connection_limit, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t) settings->connection_memory_limit, NULL},
        {MHD_OPTION_LISTEN_BACKLOG_SIZE, (intptr_t) settings->listen_backlog, NULL},
        /* The TLS entries come last so that plain HTTP can end the list before them. */
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *) settings->tls_certificate},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *) settings->tls_key},
        {MHD_OPTION_HTTPS_PRIORITIES, 0, (void *) settings->tls_priorities},
        {MHD_OPTION_END, 0, NULL},
    };
    unsigned int flags = settings->flags;
    if (settings->tls_certificate == NULL || settings->tls_key == NULL) {
        options[8].option = MHD_OPTION_END;
    } else {
        flags |= MHD_USE_TLS;
    }
    return MHD_start_daemon(flags, 0, NULL, NULL, settings->handler, settings->handler_context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

/// The port the daemon listens on, which tells a caller that asked for
/// port 0 which one the system chose. MHD_get_daemon_info is variadic.
static inline uint16_t CMicroHTTPD_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The peer address of a connection. MHD_get_connection_info is variadic.
static inline const struct sockaddr *CMicroHTTPD_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

/// Connections the daemon holds open now.
static inline unsigned int CMicroHTTPD_open_connections(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? 0 : info->num_connections;
}
