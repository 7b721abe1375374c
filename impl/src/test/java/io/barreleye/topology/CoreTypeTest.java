package io.barreleye.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoreTypeTest {

    @Test
    void bigRunsEverything() {
        for (Service s : Service.values()) {
            assertTrue(CoreType.BIG.canRun(s), s.toString());
        }
    }

    @Test
    void littleRunsAllButDrivers() {
        for (Service s : Service.values()) {
            assertEquals(s != Service.DEVICE_DRIVER, CoreType.LITTLE.canRun(s), s.toString());
        }
    }

    @Test
    void accelRunsOnlyApplications() {
        for (Service s : Service.values()) {
            assertEquals(s == Service.APPLICATION, CoreType.ACCEL.canRun(s), s.toString());
        }
        assertFalse(CoreType.ACCEL.canRun(Service.MONITOR));
    }

    @Test
    void nullServiceRejected() {
        assertThrows(NullPointerException.class, () -> CoreType.BIG.canRun(null));
    }

    @Test
    void coreValidatesAndDelegates() {
        Core c = new Core(0, 0, 0, 0, CoreType.LITTLE);
        assertFalse(c.canRun(Service.DEVICE_DRIVER));
        assertTrue(c.canRun(Service.NAME_SERVER));
        assertThrows(IllegalArgumentException.class, () -> new Core(-1, 0, 0, 0, CoreType.BIG));
        assertThrows(IllegalArgumentException.class, () -> new Core(0, 0, 0, -2, CoreType.BIG));
        assertThrows(NullPointerException.class, () -> new Core(0, 0, 0, 0, null));
    }
}
