/* {{project-name}}: a Redis-triggered Spin component in C, written against spin_redis.h (beside this file). */
#include <stdio.h>

#include "spin_redis.h"

static spin_redis_status handle(const uint8_t *payload, size_t len) {
    printf("received %zu bytes: %.*s\n", len, (int)len, (const char *)payload);
    return SPIN_REDIS_OK;
}

SPIN_REDIS_HANDLER(handle)
