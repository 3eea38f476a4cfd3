package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dependency names against import names: the cases of Spin's {@code test_matches_import} (crates/compose). */
class DependencyNameTest {
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "foo:bar/baz@0.1.0, foo:bar/baz@0.1.0, true",
        "foo:bar/baz, foo:bar/baz@0.1.0, true",
        "foo:bar/baz, foo:bar/baz, true",
        "foo:bar, foo:bar/baz@0.1.0, true",
        "foo:bar, foo:bar/baz, true",
        "foo:bar@0.1.0, foo:bar/baz@0.1.0, true",
        "foo-bar, foo-bar, true",
        "foo:bar/baz@0.1.0, foo:bar/baz, false",
        "foo:bar/baz, foo:bar/bub, false",
        "foo:bar/baz, foo:bar/bub@0.1.0, false",
        "foo:bar, foo:bub/bib, false",
        "foo:bar@0.1.0, foo:bar/baz, false",
        "foo:bar/baz, foo:bar/baz-bub, false",
        "foo:bar/baz, foo-bar, false",
        "foo-bar, foo:bar/baz, false",
        "foo-bar, foo-baz, false",
    })
    void matchesAsSpinDoes(String dependency, String importName, boolean matches) {
        assertEquals(matches, DependencyName.parse(dependency).matches(importName));
    }
}
