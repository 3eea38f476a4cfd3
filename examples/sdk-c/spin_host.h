/*
 * spin_host.h — the Spin 1.x host imports (spinj SPEC.md §3) for C guests:
 * config, outbound HTTP, key-value, SQLite, PostgreSQL and MySQL.
 *
 * The same source builds for both ABI flavours, like spin_http.h:
 *   default              legacy import modules: spin-config, wasi-outbound-http,
 *                        key-value, sqlite, outbound-pg, outbound-mysql
 *   -DSPIN_ABI_CANONICAL fermyon:spin/config, fermyon:spin/http (send-request),
 *                        fermyon:spin/key-value, fermyon:spin/sqlite,
 *                        fermyon:spin/postgres, fermyon:spin/mysql
 * The layouts are identical in both flavours (SPEC §0), so one set of types
 * serves both.
 *
 * Each import writes its result into a caller-provided return area; the
 * structs below ARE those return areas (offsets checked by _Static_assert).
 * Strings, lists and bytes in results are allocated by the host through the
 * module's realloc export (spin_http.h provides it), so they are ordinary
 * malloc'ed blocks owned by the guest: free() them when done (a zero-length
 * one is a dangling pointer and must not be freed).
 *
 * Strings are UTF-8 and NOT NUL-terminated: print with "%.*s", (int)len, ptr.
 */
#ifndef SPIN_HOST_H
#define SPIN_HOST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef SPIN_ABI_CANONICAL
#define SPIN__IMPORT(legacy_module, canonical_module, legacy_name, canonical_name) \
    __attribute__((import_module(canonical_module), import_name(canonical_name)))
#else
#define SPIN__IMPORT(legacy_module, canonical_module, legacy_name, canonical_name) \
    __attribute__((import_module(legacy_module), import_name(legacy_name)))
#endif

/* ------------------------------------------------------------------------ */
/* Shared shapes                                                            */
/* ------------------------------------------------------------------------ */

/* string / list<u8>: (ptr, len), 8 bytes, align 4. */
typedef struct {
    char *ptr;
    size_t len;
} spin_host_str;

typedef struct {
    uint8_t *ptr;
    size_t len;
} spin_host_bytes;

/* tuple<string, string>: 16 bytes. */
typedef struct {
    spin_host_str name;
    spin_host_str value;
} spin_host_pair;

/* An error variant whose string cases carry a message (config, key-value,
 * sqlite, pg, mysql): case tag @0, message @4/@8 (unused for cases without). */
typedef struct {
    uint8_t tag;
    spin_host_str message;
} spin_host_error;

_Static_assert(sizeof(spin_host_pair) == 16, "tuple<string,string> is 16 bytes");
_Static_assert(sizeof(spin_host_error) == 12, "error variant is 12 bytes");
_Static_assert(offsetof(spin_host_error, message) == 4, "error message @4");

/* ------------------------------------------------------------------------ */
/* Config (SPEC 3.2)                                                        */
/* ------------------------------------------------------------------------ */

enum {
    SPIN_CONFIG_ERROR_PROVIDER = 0,
    SPIN_CONFIG_ERROR_INVALID_KEY = 1,
    SPIN_CONFIG_ERROR_INVALID_SCHEMA = 2,
    SPIN_CONFIG_ERROR_OTHER = 3
};

typedef struct {
    uint8_t is_err;
    union {
        spin_host_str ok;
        spin_host_error err;
    } val;
} spin_config_result;

_Static_assert(sizeof(spin_config_result) == 16, "config result is 16 bytes");
_Static_assert(offsetof(spin_config_result, val) == 4, "config payload @4");

SPIN__IMPORT("spin-config", "fermyon:spin/config", "get-config", "get-config")
void spin_config_get_raw(const char *key, size_t key_len, spin_config_result *ret);

static inline void spin_config_get(const char *key, spin_config_result *ret) {
    spin_config_get_raw(key, strlen(key), ret);
}

/* ------------------------------------------------------------------------ */
/* Outbound HTTP (SPEC 3.1)                                                 */
/* ------------------------------------------------------------------------ */

enum {
    SPIN_HTTP_ERROR_SUCCESS = 0,
    SPIN_HTTP_ERROR_DESTINATION_NOT_ALLOWED = 1,
    SPIN_HTTP_ERROR_INVALID_URL = 2,
    SPIN_HTTP_ERROR_REQUEST_ERROR = 3,
    SPIN_HTTP_ERROR_RUNTIME_ERROR = 4,
    SPIN_HTTP_ERROR_TOO_MANY_REQUESTS = 5
};

typedef struct {
    uint8_t is_some;
    spin_host_pair *ptr;
    size_t len;
} spin_host_opt_pairs;

typedef struct {
    uint8_t is_some;
    uint8_t *ptr;
    size_t len;
} spin_host_opt_bytes;

typedef struct {
    uint8_t is_err;
    union {
        struct {
            uint16_t status;
            spin_host_opt_pairs headers;
            spin_host_opt_bytes body;
        } ok;
        uint8_t err; /* SPIN_HTTP_ERROR_* */
    } val;
} spin_http_result;

_Static_assert(sizeof(spin_http_result) == 32, "http result is 32 bytes");
_Static_assert(offsetof(spin_http_result, val.ok.headers) == 8, "headers option @8");
_Static_assert(offsetof(spin_http_result, val.ok.body) == 20, "body option @20");

/* method: 0 GET, 1 POST, 2 PUT, 3 DELETE, 4 PATCH, 5 HEAD, 6 OPTIONS.
 * Empty lists must still be non-null aligned pointers (use (void *)4). */
SPIN__IMPORT("wasi-outbound-http", "fermyon:spin/http", "request", "send-request")
void spin_http_send_raw(int32_t method, const char *uri, size_t uri_len,
                        const spin_host_pair *headers, size_t header_count,
                        const spin_host_pair *params, size_t param_count,
                        int32_t has_body, const uint8_t *body, size_t body_len,
                        spin_http_result *ret);

/* ------------------------------------------------------------------------ */
/* Key-value (SPEC 3.4)                                                     */
/* ------------------------------------------------------------------------ */

enum {
    SPIN_KV_ERROR_STORE_TABLE_FULL = 0,
    SPIN_KV_ERROR_NO_SUCH_STORE = 1,
    SPIN_KV_ERROR_ACCESS_DENIED = 2,
    SPIN_KV_ERROR_INVALID_STORE = 3,
    SPIN_KV_ERROR_NO_SUCH_KEY = 4,
    SPIN_KV_ERROR_IO = 5
};

typedef uint32_t spin_kv_store;

/* One return area for every key-value function: only the ok member that
 * the function returns is meaningful. */
typedef struct {
    uint8_t is_err;
    union {
        spin_kv_store store;          /* open */
        spin_host_bytes value;        /* get */
        uint8_t exists;               /* exists */
        struct {
            spin_host_str *ptr;
            size_t len;
        } keys;                       /* get-keys */
        spin_host_error err;
    } val;
} spin_kv_result;

_Static_assert(sizeof(spin_kv_result) == 16, "key-value result is 16 bytes");
_Static_assert(offsetof(spin_kv_result, val) == 4, "key-value payload @4");

SPIN__IMPORT("key-value", "fermyon:spin/key-value", "open", "open")
void spin_kv_open_raw(const char *name, size_t name_len, spin_kv_result *ret);
SPIN__IMPORT("key-value", "fermyon:spin/key-value", "get", "get")
void spin_kv_get_raw(spin_kv_store store, const char *key, size_t key_len, spin_kv_result *ret);
SPIN__IMPORT("key-value", "fermyon:spin/key-value", "set", "set")
void spin_kv_set_raw(spin_kv_store store, const char *key, size_t key_len,
                     const uint8_t *value, size_t value_len, spin_kv_result *ret);
SPIN__IMPORT("key-value", "fermyon:spin/key-value", "delete", "delete")
void spin_kv_delete_raw(spin_kv_store store, const char *key, size_t key_len, spin_kv_result *ret);
SPIN__IMPORT("key-value", "fermyon:spin/key-value", "exists", "exists")
void spin_kv_exists_raw(spin_kv_store store, const char *key, size_t key_len, spin_kv_result *ret);
SPIN__IMPORT("key-value", "fermyon:spin/key-value", "get-keys", "get-keys")
void spin_kv_get_keys_raw(spin_kv_store store, spin_kv_result *ret);
SPIN__IMPORT("key-value", "fermyon:spin/key-value", "close", "close")
void spin_kv_close(spin_kv_store store);

static inline void spin_kv_open(const char *name, spin_kv_result *ret) {
    spin_kv_open_raw(name, strlen(name), ret);
}
static inline void spin_kv_get(spin_kv_store s, const char *key, spin_kv_result *ret) {
    spin_kv_get_raw(s, key, strlen(key), ret);
}
static inline void spin_kv_set(spin_kv_store s, const char *key, const void *value,
                               size_t value_len, spin_kv_result *ret) {
    /* An empty value still needs a non-null pointer. */
    spin_kv_set_raw(s, key, strlen(key), value_len ? (const uint8_t *)value : (const uint8_t *)1,
                    value_len, ret);
}
static inline void spin_kv_delete(spin_kv_store s, const char *key, spin_kv_result *ret) {
    spin_kv_delete_raw(s, key, strlen(key), ret);
}
static inline void spin_kv_exists(spin_kv_store s, const char *key, spin_kv_result *ret) {
    spin_kv_exists_raw(s, key, strlen(key), ret);
}

/* ------------------------------------------------------------------------ */
/* SQLite (SPEC 3.5)                                                        */
/* ------------------------------------------------------------------------ */

enum {
    SPIN_SQLITE_ERROR_NO_SUCH_DATABASE = 0,
    SPIN_SQLITE_ERROR_ACCESS_DENIED = 1,
    SPIN_SQLITE_ERROR_INVALID_CONNECTION = 2,
    SPIN_SQLITE_ERROR_DATABASE_FULL = 3,
    SPIN_SQLITE_ERROR_IO = 4
};

enum {
    SPIN_SQLITE_INTEGER = 0,
    SPIN_SQLITE_REAL = 1,
    SPIN_SQLITE_TEXT = 2,
    SPIN_SQLITE_BLOB = 3,
    SPIN_SQLITE_NULL = 4
};

typedef uint32_t spin_sqlite_connection;

/* variant value: 16 bytes, align 8, payload @8. */
typedef struct {
    uint8_t tag;
    union {
        int64_t integer;
        double real;
        spin_host_bytes bytes; /* text (UTF-8) or blob */
    } v;
} spin_sqlite_value;

typedef struct {
    spin_sqlite_value *values;
    size_t len;
} spin_sqlite_row;

typedef struct {
    uint8_t is_err;
    union {
        spin_sqlite_connection connection; /* open */
        struct {
            spin_host_str *columns;
            size_t column_count;
            spin_sqlite_row *rows;
            size_t row_count;
        } ok;                              /* execute */
        spin_host_error err;
    } val;
} spin_sqlite_result;

_Static_assert(sizeof(spin_sqlite_value) == 16, "sqlite value is 16 bytes");
_Static_assert(offsetof(spin_sqlite_value, v) == 8, "sqlite value payload @8");
_Static_assert(sizeof(spin_sqlite_result) == 20, "sqlite result is 20 bytes");

SPIN__IMPORT("sqlite", "fermyon:spin/sqlite", "open", "open")
void spin_sqlite_open_raw(const char *name, size_t name_len, spin_sqlite_result *ret);
SPIN__IMPORT("sqlite", "fermyon:spin/sqlite", "execute", "execute")
void spin_sqlite_execute_raw(spin_sqlite_connection conn, const char *sql, size_t sql_len,
                             const spin_sqlite_value *params, size_t param_count,
                             spin_sqlite_result *ret);
SPIN__IMPORT("sqlite", "fermyon:spin/sqlite", "close", "close")
void spin_sqlite_close(spin_sqlite_connection conn);

/* ------------------------------------------------------------------------ */
/* PostgreSQL and MySQL (SPEC 3.6)                                          */
/* ------------------------------------------------------------------------ */

/* db-value / parameter-value / db-data-type share this numbering. */
enum {
    SPIN_DB_BOOLEAN = 0, SPIN_DB_INT8, SPIN_DB_INT16, SPIN_DB_INT32, SPIN_DB_INT64,
    SPIN_DB_UINT8, SPIN_DB_UINT16, SPIN_DB_UINT32, SPIN_DB_UINT64,
    SPIN_DB_FLOATING32, SPIN_DB_FLOATING64, SPIN_DB_STR, SPIN_DB_BINARY,
    SPIN_DB_NULL,        /* db-null (value); `other` as a data type */
    SPIN_DB_UNSUPPORTED  /* value only */
};

enum {
    SPIN_DB_ERROR_SUCCESS = 0,
    SPIN_DB_ERROR_CONNECTION_FAILED = 1,
    SPIN_DB_ERROR_BAD_PARAMETER = 2,
    SPIN_DB_ERROR_QUERY_FAILED = 3,
    SPIN_DB_ERROR_VALUE_CONVERSION_FAILED = 4,
    SPIN_DB_ERROR_OTHER = 5
};

typedef struct {
    uint8_t tag;
    union {
        uint8_t boolean;
        int8_t i8;
        int16_t i16;
        int32_t i32;
        int64_t i64;
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        float f32;
        double f64;
        spin_host_bytes bytes; /* str (UTF-8) or binary */
    } v;
} spin_db_value;

typedef struct {
    spin_host_str name;
    uint8_t data_type;
} spin_db_column;

typedef struct {
    spin_db_value *values;
    size_t len;
} spin_db_row;

typedef struct {
    uint8_t is_err;
    union {
        struct {
            spin_db_column *columns;
            size_t column_count;
            spin_db_row *rows;
            size_t row_count;
        } ok;
        spin_host_error err;
    } val;
} spin_db_query_result;

/* PostgreSQL execute: result<u64, pg-error>, payload @8. */
typedef struct {
    uint8_t is_err;
    union {
        uint64_t rows_affected;
        spin_host_error err;
    } val;
} spin_pg_execute_result;

/* MySQL execute: result<unit, mysql-error>, error @4. */
typedef struct {
    uint8_t is_err;
    spin_host_error err;
} spin_mysql_execute_result;

_Static_assert(sizeof(spin_db_value) == 16, "db-value is 16 bytes");
_Static_assert(offsetof(spin_db_value, v) == 8, "db-value payload @8");
_Static_assert(sizeof(spin_db_column) == 12, "column is 12 bytes");
_Static_assert(sizeof(spin_db_query_result) == 20, "query result is 20 bytes");
_Static_assert(offsetof(spin_pg_execute_result, val) == 8, "pg execute payload @8");
_Static_assert(offsetof(spin_mysql_execute_result, err) == 4, "mysql execute error @4");

SPIN__IMPORT("outbound-pg", "fermyon:spin/postgres", "query", "query")
void spin_pg_query_raw(const char *address, size_t address_len, const char *sql, size_t sql_len,
                       const spin_db_value *params, size_t param_count, spin_db_query_result *ret);
SPIN__IMPORT("outbound-pg", "fermyon:spin/postgres", "execute", "execute")
void spin_pg_execute_raw(const char *address, size_t address_len, const char *sql, size_t sql_len,
                         const spin_db_value *params, size_t param_count, spin_pg_execute_result *ret);
SPIN__IMPORT("outbound-mysql", "fermyon:spin/mysql", "query", "query")
void spin_mysql_query_raw(const char *address, size_t address_len, const char *sql, size_t sql_len,
                          const spin_db_value *params, size_t param_count, spin_db_query_result *ret);
SPIN__IMPORT("outbound-mysql", "fermyon:spin/mysql", "execute", "execute")
void spin_mysql_execute_raw(const char *address, size_t address_len, const char *sql, size_t sql_len,
                            const spin_db_value *params, size_t param_count,
                            spin_mysql_execute_result *ret);

#endif /* SPIN_HOST_H */
