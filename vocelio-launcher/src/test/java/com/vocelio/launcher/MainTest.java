package com.vocelio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void metricsStayOffUnlessAskedFor() throws Exception {
        Path commands = Files.writeString(dir.resolve("pre-boot.asadmin"), "set a=b\n");
        assertEquals(commands, Main.preBootCommands(commands, dir.resolve("data"), Map.of()));
        assertEquals(
                commands,
                Main.preBootCommands(commands, dir.resolve("data"), Map.of("VOCELIO_METRICS_ENABLED", "false")));
        Path on = Main.preBootCommands(
                commands,
                dir.resolve("data"),
                Map.of("VOCELIO_METRICS_ENABLED", "true", "VOCELIO_METRICS_TOKEN", "secret"));
        String text = Files.readString(on);
        assertTrue(text.startsWith("set a=b\n"), text);
        assertTrue(text.contains("microprofile-metrics-configuration.enabled=true"), text);
        assertTrue(text.contains("set-openapi-configuration --enabled=true"), text);
        assertTrue(
                text.contains("set-microprofile-healthcheck-configuration --enabled=true --endpoint=mp-health"), text);
    }

    @Test
    void metricsWithoutATokenAreRefusedAtStart() {
        var refused = assertThrows(
                IllegalArgumentException.class,
                () -> Main.preBootCommands(
                        Files.writeString(dir.resolve("pre-boot.asadmin"), "set a=b\n"),
                        dir.resolve("data"),
                        Map.of("VOCELIO_METRICS_ENABLED", "true", "VOCELIO_METRICS_TOKEN", " ")));
        assertTrue(refused.getMessage().contains("VOCELIO_METRICS_TOKEN"), refused.getMessage());
    }
}
