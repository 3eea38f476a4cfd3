/*
 * A Redis-triggered Spin component in C: for every message on its channel it
 * increments `redis-c:count` and stores the payload under `redis-c:last`,
 * through outbound Redis on the server named by REDIS_ADDRESS.
 */
#include <stdio.h>
#include <stdlib.h>

#include "spin_redis.h"

static spin_redis_status handle(const uint8_t *payload, size_t len) {
    const char *address = getenv("REDIS_ADDRESS");
    int64_t count;
    if (!address) {
        fprintf(stderr, "REDIS_ADDRESS is not set\n");
        return SPIN_REDIS_ERROR;
    }
    if (spin_redis_incr(address, "redis-c:count", &count) != 0 ||
        spin_redis_set(address, "redis-c:last", payload, len) != 0) {
        fprintf(stderr, "outbound Redis failed on %s\n", address);
        return SPIN_REDIS_ERROR;
    }
    printf("message %lld: %zu bytes\n", (long long)count, len);
    return SPIN_REDIS_OK;
}
SPIN_REDIS_HANDLER(handle)
