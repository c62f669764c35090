package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealDependencyTest {

    @Test
    void should_fail_the_test_when_a_dependency_is_missing_in_ci() {
        assertThatThrownBy(() -> RealDependency.require(false, "Redis", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Redis")
                .hasMessageContaining("CI=true");
    }

    @Test
    void should_skip_the_test_when_a_dependency_is_missing_outside_ci() {
        assertThatThrownBy(() -> RealDependency.require(false, "Redis", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Redis");
    }

    @Test
    void should_let_the_test_run_when_the_dependency_is_there() {
        assertThatCode(() -> RealDependency.require(true, "Redis", true)).doesNotThrowAnyException();
        assertThatCode(() -> RealDependency.require(true, "Redis", false)).doesNotThrowAnyException();
    }
}
