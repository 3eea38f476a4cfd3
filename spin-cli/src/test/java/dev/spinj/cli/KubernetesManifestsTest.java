package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s's manifests, read by fabric8's typed Kubernetes model (no cluster can run here):
 * the plain Deployment runs the spinj image exactly as SpinKube's spintainer executor would
 * (OCI.md §5.2: args, env, runtime-config mount, port {@code http-app}, Service 80 → http-app), with
 * probes on Spin's health endpoint; the SpinKube resources name the same images.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final String SPINJ_IMAGE = "registry.example.com/spinj/runtime:0.1.0";
    private static final String APP_IMAGE = "registry.example.com/apps/hello:v1";
    private static final String HEALTH = "/.well-known/spin/health";

    @Test
    void plainDeploymentRunsTheSpinjImageWithTheSpintainerArgumentsAndEnv() throws Exception {
        List<HasMetadata> resources = load("deployment.yaml");
        Deployment deployment = only(resources, Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(SPINJ_IMAGE, container.getImage());
        assertEquals(List.of(), container.getCommand(), "the image's entrypoint (spin) must run, as with the operator");
        assertEquals(List.of("up", "--listen", "0.0.0.0:80", "-f", APP_IMAGE, "--runtime-config-file", "/runtime-config.toml"),
                container.getArgs());
        Map<String, String> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals(Map.of("SPIN_HTTP_LISTEN_ADDR", "0.0.0.0:80", "SPIN_VARIABLE_GREETING", "Hello from spinj"), env);
        assertEquals("http-app", container.getPorts().get(0).getName());
        assertEquals(80, container.getPorts().get(0).getContainerPort());
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertEquals(HEALTH, probe.getHttpGet().getPath());
            assertEquals(new IntOrString("http-app"), probe.getHttpGet().getPort());
        }
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), deployment.getSpec().getTemplate().getMetadata().getLabels());

        VolumeMount mount = container.getVolumeMounts().get(0);
        assertEquals("/runtime-config.toml", mount.getMountPath());
        assertEquals("runtime-config.toml", mount.getSubPath());
        assertTrue(mount.getReadOnly());
        Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().get(0);
        assertEquals(mount.getName(), volume.getName());
        Secret secret = only(resources, Secret.class);
        assertEquals(secret.getMetadata().getName(), volume.getSecret().getSecretName());
        assertTrue(secret.getStringData().containsKey("runtime-config.toml"));

        Service service = only(resources, Service.class);
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(80, port.getPort());
        assertEquals(new IntOrString("http-app"), port.getTargetPort());
    }

    @Test
    void spinKubeAppUsesTheSpintainerExecutorWithTheSpinjImage() throws Exception {
        List<HasMetadata> resources = load("spinkube.yaml");
        GenericKubernetesResource executor = ofKind(resources, "SpinAppExecutor");
        GenericKubernetesResource app = ofKind(resources, "SpinApp");
        for (GenericKubernetesResource r : List.of(executor, app)) {
            assertEquals("core.spinkube.dev/v1alpha1", r.getApiVersion());
        }
        assertEquals(true, (Object) executor.get("spec", "createDeployment"));
        assertEquals(SPINJ_IMAGE, (Object) executor.get("spec", "deploymentConfig", "spinImage"));
        assertEquals(null, (Object) executor.get("spec", "deploymentConfig", "runtimeClassName"), "spintainer, not the shim");
        assertEquals(true, (Object) executor.get("spec", "deploymentConfig", "installDefaultCACerts"));

        assertEquals(executor.getMetadata().getName(), (Object) app.get("spec", "executor"));
        assertEquals(APP_IMAGE, (Object) app.get("spec", "image"));
        assertEquals(HEALTH, (Object) app.get("spec", "checks", "liveness", "httpGet", "path"));
        assertEquals(HEALTH, (Object) app.get("spec", "checks", "readiness", "httpGet", "path"));
        assertEquals(List.of(Map.of("name", "greeting", "value", "Hello from spinj")), (Object) app.get("spec", "variables"));
    }

    /** Each YAML document as fabric8 types it: built-in kinds typed, custom ones generic. */
    private static List<HasMetadata> load(String file) throws Exception {
        KubernetesSerialization serialization = new KubernetesSerialization();
        String yaml = Files.readString(K8S.resolve(file));
        List<HasMetadata> resources = Stream.of(yaml.split("(?m)^---\\s*$"))
                .map(doc -> (HasMetadata) serialization.unmarshal(doc))
                .toList();
        assertTrue(resources.size() >= 2, file + ": " + resources);
        return resources;
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " in " + resources);
        return found.get(0);
    }

    private static GenericKubernetesResource ofKind(List<HasMetadata> resources, String kind) {
        HasMetadata found = resources.stream().filter(r -> kind.equals(r.getKind())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + resources));
        return assertInstanceOf(GenericKubernetesResource.class, found);
    }
}
