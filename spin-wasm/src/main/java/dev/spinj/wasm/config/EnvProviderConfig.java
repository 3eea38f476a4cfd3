package dev.spinj.wasm.config;

import java.nio.file.Path;

/** {@code [[config_provider]] type = "env"}: variables from {@code <prefix>_<NAME>}, then a dotenv file (may be null). */
public record EnvProviderConfig(String prefix, Path dotenvPath) {}
