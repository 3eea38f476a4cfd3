package dev.spinj.loader.oci;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where Spin looks for a registry's credentials, in its order: its own file, then Docker's; none means anonymous. */
public record CredentialLookup(SpinAuthFile spinAuth, DockerConfig docker) {

    public static CredentialLookup forUser(Map<String, String> env) {
        return new CredentialLookup(SpinAuthFile.inUserConfig(env), DockerConfig.inUserConfig(env));
    }

    public Optional<Credentials> find(String registry) throws IOException {
        Optional<Credentials> own = spinAuth.find(registry);
        return own.isPresent() ? own : docker.find(registry);
    }
}
