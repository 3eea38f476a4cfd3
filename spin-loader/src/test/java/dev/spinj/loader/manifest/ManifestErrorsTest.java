package dev.spinj.loader.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each invalid manifest under src/test/resources/errors, with Spin's headline and the exact cause. */
class ManifestErrorsTest {

    private static Path manifest(String name) {
        try {
            return Path.of(ManifestErrorsTest.class.getResource("/errors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cause(String name) {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(manifest(name)));
        return e.getCause().getMessage();
    }

    @Test
    void headlineNamesTheAbsoluteManifestPath() {
        Path file = manifest("missing-component.toml");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(file));
        assertEquals("Cannot read spin.toml manifest from \"" + file.toAbsolutePath() + "\"", e.getMessage());
    }

    @Test
    void missingComponentArray() {
        assertEquals("missing field `component` at line 1 column 1", cause("missing-component.toml"));
    }

    @Test
    void unknownComponentKey() {
        assertEquals("unknown field `colour`, expected one of `source`, `description`, `files`, `exclude_files`,"
                        + " `allowed_http_hosts`, `key_value_stores`, `sqlite_databases`, `ai_models`, `environment`,"
                        + " `build`, `id`, `trigger`, `config` for key `component.colour` at line 9 column 1",
                cause("unknown-key.toml"));
    }

    @Test
    void duplicateComponentId() {
        assertEquals("cannot have duplicate component IDs: hello", cause("duplicate-id.toml"));
    }

    @Test
    void missingRoute() {
        assertEquals("missing field `route` for key `component.trigger` at line 9 column 1", cause("missing-route.toml"));
    }

    @Test
    void routeThatIsNotAString() {
        assertEquals("invalid type: integer `42`, expected a string for key `component.trigger.route` at line 10 column 1",
                cause("route-not-string.toml"));
    }

    @Test
    void badKeyValueLabel() {
        assertEquals("invalid store label \"kebab-case\": labels may contain only ascii alphanumeric words separated"
                        + " by underscores for key `component.key_value_stores` at line 9 column 1",
                cause("bad-label.toml"));
    }

    @Test
    void badAllowedHttpHostsAreAllListed() {
        assertEquals("""
                One or more allowed_http_hosts entries was invalid:
                ftp://some-random-api.ml isn't a valid host or host:port string
                example.com/wib/wob contains a path, should be host and optional port only""",
                cause("bad-allowed-hosts.toml"));
    }

    @Test
    void insecureAllowAllSkipsHostValidation() throws ManifestException {
        Manifest manifest = ManifestParser.parse(manifest("allow-all-skips-host-checks.toml"));
        assertEquals("insecure:allow-all", manifest.components().get(0).allowedHttpHosts().get(0));
    }

    @Test
    void badVersionMentionsItsKey() {
        assertEquals("invalid version: invalid digit found in string for key `spin_version` at line 1 column 1",
                cause("bad-version.toml"));
    }

    @Test
    void variableWithBothRequiredAndDefault() {
        assertEquals("variable should either have `required` set to true OR have a non-empty default value"
                + " for key `variables.both` at line 7 column 1", cause("bad-variable.toml"));
    }

    @Test
    void tomlSyntaxErrorHasPosition() {
        assertEquals("TOML parse error: Unexpected end of line, expected a value at line 2 column 7",
                cause("syntax-error.toml"));
    }

    @Test
    void v2ComponentIdMustBeKebabCase() {
        assertEquals("words must be separated with '-', not '_' for key `component.bad_id` at line 10 column 1",
                cause("v2-bad-id.toml"));
    }

    @Test
    void v2TriggerNamingUnknownComponent() {
        assertEquals("unknown component `nowhere` for key `trigger.http.component` at line 8 column 1",
                cause("v2-unknown-component.toml"));
    }

    @Test
    void v2PrivateRouteMustBeTrue() {
        assertEquals("route must be a string pattern or '{ private = true }': 'hidden' has { private = false }"
                + " for key `trigger.http.route` at line 8 column 1", cause("v2-private-false.toml"));
    }

    @Test
    void v2TriggerWithComponentAndStaticResponse() {
        assertEquals("Triggers must specify either component or static_response - both-ways has both"
                + " for key `trigger.http.static_response` at line 10 column 1", cause("v2-static-and-component.toml"));
    }

    @Test
    void v2TriggerWithNeitherComponentNorStaticResponse() {
        assertEquals("Triggers must specify either component or static_response - http-trigger1 has neither"
                + " for key `trigger.http.component` at line 6 column 1", cause("v2-static-neither.toml"));
    }

    @Test
    void v2StaticResponseStatusMustBeANumber() {
        assertEquals("invalid type: string \"teapot\", expected u16"
                + " for key `trigger.http.static_response.status_code` at line 8 column 21",
                cause("v2-static-bad-status.toml"));
    }

    @Test
    void v2OutboundHostWithoutScheme() {
        assertEquals("\"example.com\" does not contain a scheme (e.g., 'http://' or '*://')"
                + " for key `component.api.allowed_outbound_hosts` at line 12 column 1", cause("v2-no-scheme.toml"));
    }

    @Test
    void v2InsecureAllowAllIsRefused() {
        assertEquals("'insecure:allow-all' is not allowed - use '*://*:*' instead if you really want to allow all"
                + " outbound traffic' for key `component.api.allowed_outbound_hosts` at line 12 column 1",
                cause("v2-allow-all.toml"));
    }

    @Test
    void v2UnknownProfile() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> ManifestParser.parse(manifest("v2-features.toml"), "release"));
        assertEquals("Profile release is not defined in this application", e.getCause().getMessage());
    }

    @Test
    void v2KeysSpin3And4AcceptAreRead() throws ManifestException {
        Manifest manifest = ManifestParser.parse(manifest("v2-features.toml"));
        Manifest.Component api = manifest.components().get(0);
        assertEquals(List.of("npm install", "npm run build"), api.build().commands());
        assertEquals(List.of("{{ origin }}"), api.allowedOutboundHosts());
        assertEquals("/users/:id", manifest.triggers().get(0).config().get("route"));
        assertEquals(Map.of(), api.environment());
        assertEquals(Map.of("MODE", "debug"),
                ManifestParser.parse(manifest("v2-features.toml"), "debug").components().get(0).environment());
    }

    @Test
    void v2DependencyWithoutPackageName() {
        InvalidManifestException e = dependencyProblem("v2-dep-no-package.toml");
        assertEquals("component \"api\" has invalid dependencies", e.getMessage());
        assertEquals("dependency \"greeter\" must specify a package name"
                + " for key `component.api.dependencies.greeter` at line 13 column 1", e.getCause().getMessage());
    }

    @Test
    void v2PackageDependencyMayNotNameAnExport() {
        assertEquals("using an export to satisfy the package dependency \"spinj:lib\" is not currently permitted"
                + " for key `component.api.dependencies.spinj:lib` at line 13 column 1",
                dependencyProblem("v2-dep-package-export.toml").getCause().getMessage());
    }

    @Test
    void v2InheritConfigurationSetTwice() {
        assertEquals("`dependencies_inherit_configuration` cannot be combined with a dependency's"
                + " `inherit_configuration` for key `component.api.dependencies.spinj:lib/iface` at line 14 column 1",
                dependencyProblem("v2-dep-inherit-twice.toml").getCause().getMessage());
    }

    private static InvalidManifestException dependencyProblem(String name) {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(manifest(name)));
        return (InvalidManifestException) e.getCause();
    }
}
