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

    @Test
    void runStartsOneNodeUnlessToldHowMany() {
        assertEquals(1, Main.nodes("run"));
        assertEquals(3, Main.nodes("run", "--nodes", "3"));
        assertEquals(2, Main.nodes("run", "--nodes=2"));
        assertEquals(0, Main.nodes("backup", "file.zip"), "not a run command");
        assertEquals(0, Main.nodes("run", "--nodes"), "a count is missing");
        assertEquals(0, Main.nodes("run", "--replicas", "2"));
    }

    @Test
    void aNodeCountOutOfRangeIsRefusedWithAMessage() {
        for (String count : new String[] {"0", "-1", "9", "two", ""}) {
            var refused = assertThrows(IllegalArgumentException.class, () -> Main.nodes("run", "--nodes", count));
            assertTrue(refused.getMessage().contains("--nodes must be a number from 1 to 8"), refused.getMessage());
        }
    }
}
