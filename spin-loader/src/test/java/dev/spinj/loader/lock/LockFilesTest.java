package dev.spinj.loader.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A lock written by hand (Spin 1.x shape) reads back into the records triggers use. */
class LockFilesTest {
    record Executor(String type, String entrypoint, String argv) {}

    record HttpTriggerConfig(String component, String route, Executor executor) {}

    private static final String LOCK = """
            {
              "spin_lock_version": 0,
              "metadata": {
                "name": "by-hand",
                "version": "0.1.0",
                "trigger": { "type": "http", "base": "/api" }
              },
              "variables": { "object": { "default": "teapot" }, "password": { "secret": true } },
              "triggers": [
                {
                  "id": "trigger--hello",
                  "trigger_type": "http",
                  "trigger_config": {
                    "component": "hello",
                    "executor": { "type": "wagi", "entrypoint": "_start", "argv": "${SCRIPT_NAME} ${ARGS}" },
                    "route": "/hello/..."
                  }
                }
              ],
              "components": [
                {
                  "id": "hello",
                  "metadata": { "allowed_http_hosts": ["example.com"], "description": "hi" },
                  "source": { "content_type": "application/wasm", "source": "file:///apps/hello.wasm" },
                  "env": { "A": "b" },
                  "files": [ { "source": "file:///work/assets/hello/", "path": "/" } ],
                  "config": { "message": "I'm a {{object}}" }
                }
              ]
            }
            """;

    @Test
    void handWrittenLockReadsBack() throws Exception {
        LockedApp app = LockFiles.fromJson(LOCK);

        assertEquals("by-hand", app.name());
        assertEquals("/api", app.triggerSetting("http", "base").orElseThrow());
        assertEquals(new LockedVariable(null, "teapot", null), app.variables().get("object"));
        assertEquals(true, app.variables().get("password").isSecret());
        assertEquals(new HttpTriggerConfig("hello", "/hello/...",
                        new Executor("wagi", "_start", "${SCRIPT_NAME} ${ARGS}")),
                LockFiles.triggerConfig(app.triggersOfType("http").get(0), HttpTriggerConfig.class));
        LockedComponent hello = app.component("hello").orElseThrow();
        assertEquals(List.of("example.com"), hello.metadataList("allowed_http_hosts"));
        assertEquals("file:///apps/hello.wasm", hello.source().content().source());
        assertEquals(List.of(new ContentPath(new ContentRef("file:///work/assets/hello/", null, null), "/")),
                hello.files());
        assertEquals("I'm a {{object}}", hello.config().get("message"));
    }

    @Test
    void writtenLockReadsBackEqual() throws Exception {
        LockedApp app = LockFiles.fromJson(LOCK);
        assertEquals(LockFiles.toJson(app), LockFiles.toJson(LockFiles.fromJson(LockFiles.toJson(app))));
    }
}
