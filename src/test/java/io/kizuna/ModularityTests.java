package io.kizuna;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Fails when a module reaches into another module's internals, or when modules depend on each other in a cycle. */
class ModularityTests {

    @Test
    void modulesKeepTheirBoundaries() {
        ApplicationModules.of(KizunaApplication.class).verify();
    }
}
